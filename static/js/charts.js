/* Draws each control chart from the plotly JSON the page embeds (json_script).
   The page says the same in words and in a table, so nothing depends on this. */
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) { return; }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(element, figure.data, figure.layout,
      { displayModeBar: false, responsive: true });
  });
})();
