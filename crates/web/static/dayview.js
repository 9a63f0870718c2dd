// Recordwell day view: keeps the session timer running while the page is open, and brings the
// groups, the post-box counts and who has submitted what up to date every 20 seconds.
// Without this file the page shows things as they were when it loaded; reloading updates it.
(function () {
  "use strict";
  var timer = document.getElementById("session-timer");
  var shown = document.getElementById("elapsed");
  var over = document.getElementById("over-time");
  if (!timer || !shown || !over) return;
  // Counted from the server's figure, not the device's clock, which may be wrong.
  var startSeconds = parseInt(timer.getAttribute("data-elapsed-seconds"), 10) || 0;
  var minutes = parseInt(timer.getAttribute("data-minutes"), 10) || 0;
  var loadedAt = Date.now();
  function tick() {
    var elapsed = Math.floor((startSeconds + (Date.now() - loadedAt) / 1000) / 60);
    shown.textContent = String(elapsed);
    over.textContent = elapsed > minutes ? " (over time)" : "";
  }
  tick();
  setInterval(tick, 10000);
})();

(function () {
  "use strict";
  var REFRESH_MS = 20000;
  // Only the parts marked data-live are replaced: never the register, which the facilitator may
  // be ticking, or the buttons.
  function refresh() {
    if (document.hidden) return;
    fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (el) {
          var now = fresh.getElementById(el.id);
          if (now && now.innerHTML !== el.innerHTML) el.innerHTML = now.innerHTML;
        });
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }
  if (document.querySelector("[data-live]")) setInterval(refresh, REFRESH_MS);
})();
