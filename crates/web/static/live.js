// Recordwell live parts: every 20 seconds, the parts of a page marked data-live (the day view's
// groups and counts, a workshop board's cards) are brought up to date from the server, so that
// everyone in the room sees the same. Nothing else on the page is touched, and a part someone is
// typing in is left alone until they finish. Without this file the page shows things as they
// were when it loaded; reloading updates it.
(function () {
  "use strict";
  var REFRESH_MS = 20000;
  function busy(el) {
    var active = document.activeElement;
    return active && active !== document.body && el.contains(active) &&
      (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT");
  }
  function refresh() {
    if (document.hidden) return;
    fetch(window.location.pathname + window.location.search, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (el) {
          var now = fresh.getElementById(el.id);
          if (now && now.innerHTML !== el.innerHTML && !busy(el)) el.innerHTML = now.innerHTML;
        });
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }
  if (document.querySelector("[data-live]")) setInterval(refresh, REFRESH_MS);
})();
