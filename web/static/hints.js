// Live writing hints: debounced, at most three, never blocking the form.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }  // the error summary first, with a link to each field
  var form = document.getElementById("review-form");
  var list = document.getElementById("hints");
  if (!form || !list || !window.fetch) { return; }
  var timer = null;
  var token = form.querySelector("input[name=csrf_token]");
  function collect() {
    var parts = [];
    form.querySelectorAll("textarea.answer-text").forEach(function (t) { if (t.value) { parts.push(t.value); } });
    return parts.join("\n\n");
  }
  function show(hints, notice, language) {
    list.textContent = "";
    if (notice) {
      var note = document.createElement("li");
      note.className = "hint-item language-notice";
      note.setAttribute("lang", language);
      note.textContent = notice;
      list.appendChild(note);
    }
    hints.slice(0, 3).forEach(function (h) {
      var li = document.createElement("li");
      li.className = "hint-item";
      li.textContent = h.message;
      list.appendChild(li);
    });
  }
  function ask() {
    var text = collect();
    if (!text.trim()) { show([]); return; }
    fetch("/api/hints", {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token ? token.value : ""},
      body: JSON.stringify({text: text})
    }).then(function (r) { return r.ok ? r.json() : {hints: []}; })
      .then(function (d) { show((d.hints || []).slice(0, d.notice ? 2 : 3), d.notice, d.language); })
      .catch(function () { /* hints are a help, never a blocker */ });
  }
  form.addEventListener("input", function (e) {
    if (!e.target.classList.contains("answer-text")) { return; }
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
})();
