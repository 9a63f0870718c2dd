// Recordwell workspace: live feedback while typing, and autosave of drafts.
// The page works without this file: "Check" and "Save" submit the form. This only adds speed.
(function () {
  "use strict";
  var form = document.getElementById("record-form");
  var body = document.getElementById("body");
  var panel = document.getElementById("feedback-live");
  var status = document.getElementById("feedback-status");
  var typeSelect = document.getElementById("record_type");
  var autosaveStatus = document.getElementById("autosave-status");
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  if (!form || !body || !panel || !csrfMeta) return;
  var csrf = csrfMeta.getAttribute("content");
  var recordId = form.getAttribute("data-record-id");
  var CHECK_DELAY_MS = 300;
  var AUTOSAVE_DELAY_MS = 2000;
  var checkTimer = null;
  var saveTimer = null;
  var lastChecked = null;
  var lastSaved = body.value;
  var inFlight = 0;

  function post(url, payload) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(payload)
    });
  }

  // The server renders the panel (escaping the record's text); we only swap it in. Responses
  // that arrive out of order are dropped, so the panel always matches the latest text.
  function check() {
    var payload = { text: body.value, type: typeSelect ? typeSelect.value : "detailed" };
    var key = payload.type + "\u0000" + payload.text;
    if (key === lastChecked) return;
    lastChecked = key;
    var ticket = ++inFlight;
    post("/records/feedback", payload)
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (ticket !== inFlight) return;
        panel.innerHTML = html;
        var n = panel.querySelectorAll(".rw-finding").length;
        if (status) status.textContent = n === 0 ? "No findings." : n + (n === 1 ? " finding." : " findings.");
      })
      .catch(function () {
        if (status) status.textContent = "Live feedback is unavailable; use the Check button.";
      });
  }

  function autosave() {
    if (!recordId || body.value === lastSaved) return;
    var text = body.value;
    post("/records/" + recordId + "/draft", { body: text })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (j) {
        lastSaved = text;
        if (autosaveStatus) autosaveStatus.textContent = "Draft kept at " + j.saved_at + ". Save a new version when you are ready.";
      })
      .catch(function () {
        if (autosaveStatus) autosaveStatus.textContent = "Could not keep a draft just now. Your text is still here; save it when you can.";
      });
  }

  function changed() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, CHECK_DELAY_MS);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
  }

  body.addEventListener("input", changed);
  if (typeSelect) typeSelect.addEventListener("change", changed);
  // Warn before leaving with typing that is in neither a version nor a draft.
  var submitting = false;
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (e) {
    if (!submitting && recordId && body.value !== lastSaved) { e.preventDefault(); e.returnValue = ""; }
  });
})();
