// Keyboard shortcuts for the moderator: j/k next/previous, p/r/x/e decide, 1-9 toggle a
// redaction, n note, u undo, q queue, b bulk; Escape leaves a text field.
(function () {
  var pending = null;
  var reason = document.getElementById("reason");
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT");
  }
  function click(id) { var el = document.getElementById(id); if (el) { el.click(); } }
  function go(id) { var el = document.getElementById(id); if (el) { window.location = el.href; } }
  function askReason(action) {
    if (!reason) { return; }
    pending = action;
    // Only the reasons of this action can be chosen, so the arrow keys land on a valid one.
    reason.querySelectorAll("optgroup").forEach(function (g) {
      g.disabled = g.getAttribute("data-action") !== action;
    });
    reason.value = "";
    reason.focus();
  }
  if (reason) {
    reason.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && pending && reason.value) {
        e.preventDefault();
        click(pending);
      } else if (e.key === "Escape") {
        pending = null;
        reason.blur();
      }
    });
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.queue-item a"));
  var at = -1;
  var toggles = Array.prototype.slice.call(document.querySelectorAll("input[name=redact]"));
  // A redaction switched on or off shows at once: struck through in the text, and in the
  // preview of the text as it will be published.
  function show(box) {
    document.querySelectorAll("mark[data-finding='" + box.value + "']").forEach(function (m) {
      m.classList.toggle("off", !box.checked);
    });
    document.querySelectorAll("#as-published [data-finding='" + box.value + "']").forEach(function (s) {
      s.textContent = box.checked ? s.getAttribute("data-replacement") : s.getAttribute("data-original");
    });
  }
  toggles.forEach(function (box) { box.addEventListener("change", function () { show(box); }); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && typing(document.activeElement) && document.activeElement !== reason) {
      document.activeElement.blur();  // back to the shortcuts from a text field
      return;
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && document.activeElement.form &&
        document.activeElement.tagName === "TEXTAREA" && document.activeElement.id === "new-note") {
      e.preventDefault();
      document.activeElement.form.requestSubmit();  // save the private note
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) { return; }
    var key = e.key;
    if (/^[1-9]$/.test(key) && toggles[Number(key) - 1]) {  // redaction n on or off
      toggles[Number(key) - 1].click();
      e.preventDefault();
      return;
    }
    if (rows.length && (key === "j" || key === "k")) {  // the queue page
      at = key === "j" ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0);
      rows[at].focus();
      e.preventDefault();
      return;
    }
    if (key === "o" && rows.length) { (rows[Math.max(at, 0)]).click(); }
    else if (key === "j") { go("next-item"); }
    else if (key === "k") { go("prev-item"); }
    else if (key === "p") { click("publish"); }
    else if (key === "r") { askReason("return"); e.preventDefault(); }
    else if (key === "x") { askReason("reject"); e.preventDefault(); }
    else if (key === "e") { askReason("escalate"); e.preventDefault(); }
    else if (key === "u") { click("undo"); }
    else if (key === "q") { go("to-queue"); }
    else if (key === "n") { var note = document.getElementById("new-note"); if (note) { note.focus(); e.preventDefault(); } }
    else if (key === "b") { go("to-bulk"); }
  });
})();
// Add a redaction by selecting text in the composed text.
(function () {
  var box = document.getElementById("composed");
  var form = document.getElementById("add-redaction");
  if (!box || !form) { return; }
  function offsets() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) { return null; }
    var before = document.createRange();
    before.setStart(box, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length;
    return {start: start, end: start + range.toString().length, text: range.toString()};
  }
  document.addEventListener("selectionchange", function () {
    var o = offsets();
    var button = document.getElementById("sel-submit");
    if (!o) { return; }
    document.getElementById("sel-start").value = o.start;
    document.getElementById("sel-end").value = o.end;
    document.getElementById("sel-text").textContent = "Geselecteerd: \u201e" + o.text + "\u201d";
    button.disabled = false;
  });
})();
