// The story page's behaviour: claims highlight their text, the legend filters speakers, quotes explain themselves.
(function () {
  "use strict";
  var info = document.getElementById("info");

  function clearHits() {
    document.querySelectorAll(".hit").forEach(function (el) { el.classList.remove("hit"); });
    document.querySelectorAll(".claim.active").forEach(function (el) { el.classList.remove("active"); });
  }

  function showClaim(claim) {
    clearHits();
    claim.classList.add("active");
    showSpans(JSON.parse(claim.getAttribute("data-spans")));
  }

  // Mark every piece of text inside the spans ([article, start, end]); scroll each column to its first hit.
  function showSpans(spans) {
    var firstInColumn = new Map();
    spans.forEach(function (span) {
      var text = document.querySelector('.text[data-article="' + CSS.escape(span[0]) + '"]');
      if (!text) { return; }
      text.querySelectorAll("[data-s]").forEach(function (piece) {
        var s = Number(piece.getAttribute("data-s")), e = Number(piece.getAttribute("data-e"));
        if (s >= span[1] && e <= span[2]) {
          piece.classList.add("hit");
          var column = text.closest(".column");
          if (!firstInColumn.has(column)) { firstInColumn.set(column, piece); }
        }
      });
    });
    firstInColumn.forEach(function (piece) { piece.scrollIntoView({ block: "center", inline: "nearest" }); });
  }

  // report.md's evidence links open the page as report.html#passages=[[article, start, end], ...].
  function showLinkedPassages() {
    var prefix = "#passages=";
    if (location.hash.indexOf(prefix) !== 0) { return; }
    try { clearHits(); showSpans(JSON.parse(decodeURIComponent(location.hash.slice(prefix.length)))); } catch (e) { /* not ours */ }
  }
  window.addEventListener("hashchange", showLinkedPassages);
  showLinkedPassages();

  document.querySelectorAll(".claim").forEach(function (claim) {
    claim.addEventListener("click", function (event) { event.stopPropagation(); showClaim(claim); });
    claim.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showClaim(claim); }
    });
  });

  // The legend: one speaker's quotes stay coloured, the others are dimmed; "All speakers" restores them.
  document.querySelectorAll(".legend button").forEach(function (button) {
    button.addEventListener("click", function () {
      var speaker = button.getAttribute("data-speaker");
      document.querySelectorAll(".legend button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      document.querySelectorAll("mark.q").forEach(function (mark) {
        mark.classList.toggle("dim", speaker !== "" && mark.getAttribute("data-speaker") !== speaker);
      });
    });
  });

  // Hover or focus on a quote shows its speaker, kind, cue, type, via and confidence.
  function explain(event) {
    var el = event.target.closest("[title]");
    if (!el || !el.closest(".text")) { return; }
    info.textContent = el.getAttribute("title");
    info.classList.add("shown");
  }
  document.addEventListener("mouseover", explain);
  document.addEventListener("focusin", explain);
  document.addEventListener("mouseout", function () { info.classList.remove("shown"); });
})();
