// diplotext reading page: the only script. The page works without it;
// it adds dropping a file onto the text box and highlighting a topic's
// evidence when the topic is selected.
(function () {
  "use strict";
  var box = document.getElementById("text") || document.getElementById("jsonl");
  if (box && window.FileReader) {
    box.addEventListener("dragover", function (e) { e.preventDefault(); box.classList.add("drop"); });
    box.addEventListener("dragleave", function () { box.classList.remove("drop"); });
    box.addEventListener("drop", function (e) {
      e.preventDefault();
      box.classList.remove("drop");
      var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (!f) { return; }
      var r = new FileReader();
      r.onload = function () { box.value = r.result; box.focus(); };
      r.readAsText(f);
    });
  }
  function mark(id, on) {
    var sel = '.ev[data-topics~="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]';
    document.querySelectorAll(sel).forEach(function (el) { el.classList.toggle("on", on); });
  }
  document.querySelectorAll("button.topic").forEach(function (b) {
    b.addEventListener("click", function () {
      var on = b.getAttribute("aria-pressed") !== "true";
      document.querySelectorAll("button.topic[aria-pressed='true']").forEach(function (o) {
        o.setAttribute("aria-pressed", "false");
        mark(o.dataset.topic, false);
      });
      b.setAttribute("aria-pressed", on ? "true" : "false");
      mark(b.dataset.topic, on);
    });
  });
})();
