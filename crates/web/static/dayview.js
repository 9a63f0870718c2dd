// Recordwell day view: keeps the session timer running while the page is open (live.js brings
// the groups, the post-box counts and who has submitted what up to date).
// Without this file the timer shows the minutes as they were when the page loaded.
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
