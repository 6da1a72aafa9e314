// Classic Jupyter Notebook (6.x) extension: draws `application/vnd.plotly.v1+json`
// outputs with plotly.js, as JupyterLab's plotly renderer does. Installed by
// `npm run jupyter` into this checkout's Jupyter folder (scripts/notebook-runner.ts,
// ensureClassicPlotlyRenderer), never system-wide. plotly.js is loaded once, through
// require.js, from the same folder: no network, and no output depends on another.
// The figure is data (plotly.js escapes its text), so the renderer is safe for
// untrusted notebooks too; without this extension classic Notebook shows the
// output's image/png instead.
define(["require", "jquery", "base/js/namespace", "notebook/js/outputarea"], function (require, $, Jupyter, outputarea) {
  "use strict";
  var MIME = "application/vnd.plotly.v1+json";

  function whenAttached(node, callback) {
    if (document.body.contains(node)) callback();
    else setTimeout(function () { whenAttached(node, callback); }, 20);
  }

  function appendPlotly(figure, metadata, element) {
    var toinsert = this.create_output_subarea(metadata, "output_plotly lossbook-plotly", MIME);
    var layout = $.extend({}, figure.layout || {});
    var div = document.createElement("div");
    div.style.width = "100%";
    div.style.height = (typeof layout.height === "number" ? layout.height : 420) + "px";
    toinsert.append(div);
    element.append(toinsert);
    require(["./plotly-cartesian.min"], function (module) {
      // The bundle is not an AMD module: it sets window.Plotly.
      var Plotly = (module && module.newPlot) ? module : window.Plotly;
      whenAttached(div, function () {
        var config = $.extend({ responsive: true }, figure.config || {});
        Plotly.newPlot(div, figure.data, layout, config);
      });
    }, function (error) {
      div.textContent = "The plotly.js renderer of lossbook could not load: " + error;
    });
    return toinsert;
  }

  // Outputs the notebook drew before this extension loaded (showing their
  // image/png or text) are drawn again, now with the plotly renderer.
  function redrawLoadedOutputs() {
    var notebook = Jupyter.notebook;
    if (!notebook || !notebook.get_cells) return;
    var wasDirty = notebook.dirty;
    notebook.get_cells().forEach(function (cell) {
      var area = cell.output_area;
      if (!area || !area.outputs || area.element.find(".lossbook-plotly").length > 0) return;
      var outputs = area.toJSON();
      if (!outputs.some(function (o) { return o.data && o.data[MIME]; })) return;
      area.clear_output(false, true);
      outputs.forEach(function (o) { area.append_output(o); });
    });
    if (!wasDirty) notebook.set_dirty(false);
  }

  function load_ipython_extension() {
    outputarea.OutputArea.prototype.register_mime_type(MIME, appendPlotly, { safe: true, index: 0 });
    redrawLoadedOutputs();
  }

  return { load_ipython_extension: load_ipython_extension };
});
