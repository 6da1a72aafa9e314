/*
 * lossbook site script (no dependencies, loaded with `defer`).
 * - Draws the page's plotly figures from their embedded JSON with the
 *   self-hosted plotly.js, fetched when a figure is about to be seen or the
 *   first screen (text and math) is drawn: figures on screen first, the rest
 *   in idle time; themed for light/dark and adapted to phone widths, redrawn
 *   when either changes.
 * - Marks the outline entry of the section being read.
 * Progress, for the tests and the benchmark: <html data-view-drawn="true">
 * (performance mark "lossbook:view-drawn") once fonts and the figures in the
 * first screen are drawn; <html data-figures-drawn="true"> and the
 * "lossbook:drawn" event (mark "lossbook:drawn") once every figure is drawn.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var figures = Array.prototype.slice.call(document.querySelectorAll(".plotly-figure"));
  var darkQuery = window.matchMedia("(prefers-color-scheme: dark)");
  var narrowQuery = window.matchMedia("(max-width: 40rem)");

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  function finished() {
    mark("lossbook:drawn");
    root.setAttribute("data-figures-drawn", "true");
    window.dispatchEvent(new Event("lossbook:drawn"));
  }

  function cssVariable(name) {
    return getComputedStyle(root).getPropertyValue(name).trim();
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value || {}));
  }

  /** The figure's own layout with the page's colours and, on phones, a compact frame. */
  function themedLayout(element, layout) {
    var themed = copy(layout);
    var text = cssVariable("--text") || "#1f2328";
    var muted = cssVariable("--muted") || "#59636e";
    var grid = darkQuery.matches ? "rgba(200, 200, 200, 0.14)" : "rgba(60, 60, 60, 0.12)";
    var line = darkQuery.matches ? "rgba(200, 200, 200, 0.45)" : "rgba(60, 60, 60, 0.45)";
    themed.paper_bgcolor = "rgba(0,0,0,0)";
    themed.plot_bgcolor = "rgba(0,0,0,0)";
    themed.font = Object.assign({}, themed.font, { color: text, family: cssVariable("--font-sans") || undefined });
    themed.legend = Object.assign({ bgcolor: "rgba(0,0,0,0)" }, themed.legend);
    themed.legend.font = Object.assign({}, themed.legend.font, { color: text });
    themed.hoverlabel = Object.assign({}, themed.hoverlabel, { bgcolor: cssVariable("--bg") || "#fff", bordercolor: line, font: { color: text } });
    Object.keys(themed).forEach(function (key) {
      if (!/^[xy]axis\d*$/.test(key)) return;
      var axis = themed[key];
      axis.gridcolor = grid;
      axis.zerolinecolor = line;
      axis.linecolor = line;
      axis.tickcolor = line;
      axis.tickfont = Object.assign({}, axis.tickfont, { color: muted });
      if (axis.title && typeof axis.title === "object") axis.title.font = Object.assign({}, axis.title.font, { color: text });
    });
    if (themed.title && typeof themed.title === "object") themed.title.font = Object.assign({}, themed.title.font, { color: text });

    var height = Number(element.getAttribute("data-height")) || 420;
    themed.autosize = true;
    delete themed.width;
    if (narrowQuery.matches) {
      themed.height = Math.min(height, 400);
      themed.margin = Object.assign({}, themed.margin, { l: 48, r: 8, t: 56, b: 48 });
      themed.legend.orientation = "h";
      themed.legend.x = 0;
      themed.legend.xanchor = "left";
      themed.legend.y = -0.22;
      themed.legend.yanchor = "top";
      if (themed.title && typeof themed.title === "object") {
        themed.title.font = Object.assign({}, themed.title.font, { size: 14 });
      }
      themed.font.size = 11;
    } else {
      themed.height = height;
    }
    return themed;
  }

  var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d", "sendDataToCloud"] };
  var pending = figures.length;
  var figureData = new Map();
  var plotlyState = "none"; // "none" → "loading" → "ready" | "failed"
  var waiting = []; // figures wanted before plotly.js was ready
  var inFirstView = figures.filter(function (element) {
    var box = element.getBoundingClientRect();
    return box.top < window.innerHeight && box.bottom > 0;
  });

  function dataOf(element) {
    if (!figureData.has(element)) {
      var script = document.getElementById(element.id + "-data");
      figureData.set(element, JSON.parse(script.textContent));
    }
    return figureData.get(element);
  }

  function configOf(figure) {
    return Object.assign({}, figure.config || {}, config);
  }

  function checkFirstView() {
    if (root.hasAttribute("data-view-drawn")) return;
    var drawn = inFirstView.every(function (element) {
      return element.getAttribute("data-drawn") === "true";
    });
    if (!drawn) return;
    document.fonts.ready.then(function () {
      if (root.hasAttribute("data-view-drawn")) return;
      mark("lossbook:view-drawn");
      root.setAttribute("data-view-drawn", "true");
    });
  }

  function draw(element) {
    if (element.hasAttribute("data-drawn")) return;
    if (plotlyState !== "ready") {
      if (waiting.indexOf(element) === -1) waiting.push(element);
      loadPlotly();
      return;
    }
    element.setAttribute("data-drawn", "pending");
    var figure = dataOf(element);
    window.Plotly.newPlot(element, figure.data, themedLayout(element, figure.layout), configOf(figure)).then(
      function () {
        element.setAttribute("data-drawn", "true");
        element.classList.add("is-drawn");
        mark("lossbook:figure-drawn");
        checkFirstView();
        pending -= 1;
        if (pending === 0) finished();
      },
      function (error) {
        console.error("lossbook: could not draw " + element.id, error);
      },
    );
  }

  function redrawAll() {
    figures.forEach(function (element) {
      if (element.getAttribute("data-drawn") !== "true") return;
      var figure = dataOf(element);
      window.Plotly.react(element, figure.data, themedLayout(element, figure.layout), configOf(figure));
    });
  }

  function listen(query, handler) {
    if (query.addEventListener) query.addEventListener("change", handler);
    else if (query.addListener) query.addListener(handler);
  }

  var idle = window.requestIdleCallback
    ? function (callback) {
        window.requestIdleCallback(callback, { timeout: 300 });
      }
    : function (callback) {
        window.setTimeout(callback, 16);
      };

  /** Draws the figures not drawn yet, one per idle period, so scrolling never waits. */
  function drawRestWhenIdle() {
    for (var i = 0; i < figures.length; i++) {
      if (!figures[i].hasAttribute("data-drawn")) {
        draw(figures[i]);
        idle(drawRestWhenIdle);
        return;
      }
    }
  }

  /** Fetches the self-hosted plotly.js named by <meta name="lossbook-plotly">, once. */
  function loadPlotly() {
    if (plotlyState !== "none") return;
    plotlyState = "loading";
    var meta = document.querySelector('meta[name="lossbook-plotly"]');
    var script = document.createElement("script");
    script.src = meta ? meta.getAttribute("content") : "";
    script.onload = function () {
      plotlyState = "ready";
      mark("lossbook:plotly-ready");
      waiting.splice(0).forEach(draw);
      idle(drawRestWhenIdle);
      listen(darkQuery, redrawAll);
      listen(narrowQuery, redrawAll);
    };
    script.onerror = function () {
      plotlyState = "failed";
      figures.forEach(function (element) {
        element.setAttribute("data-drawn", "failed");
      });
      console.error("lossbook: plotly.js did not load from " + script.src + ", so the plots cannot be drawn");
    };
    document.head.appendChild(script);
  }

  function startFigures() {
    checkFirstView();
    if (figures.length === 0) {
      finished();
      return;
    }
    // Figures on screen, or within a screen of it, are drawn first…
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(
        function (entries) {
          entries.forEach(function (entry) {
            if (!entry.isIntersecting) return;
            observer.unobserve(entry.target);
            draw(entry.target);
          });
        },
        { rootMargin: "100% 0px" },
      );
      figures.forEach(function (element) {
        observer.observe(element);
      });
    }
    // …and once the first screen is drawn, plotly.js is fetched and the rest
    // are drawn in idle time.
    whenFirstViewDrawn(function () {
      if (plotlyState === "none") loadPlotly();
    });
  }

  function whenFirstViewDrawn(callback) {
    if (root.hasAttribute("data-view-drawn")) return callback();
    var observer = new MutationObserver(function () {
      if (!root.hasAttribute("data-view-drawn")) return;
      observer.disconnect();
      callback();
    });
    observer.observe(root, { attributes: true, attributeFilter: ["data-view-drawn"] });
  }

  /** Highlights the outline link of the section in view. */
  function trackOutline() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".sidebar .outline a[href^='#']"));
    if (links.length === 0 || !("IntersectionObserver" in window)) return;
    var byId = new Map();
    links.forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target) byId.set(target, link);
    });
    var visible = new Set();
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) visible.add(entry.target);
          else visible.delete(entry.target);
        });
        var current = null;
        byId.forEach(function (link, heading) {
          if (current === null && visible.has(heading)) current = link;
        });
        if (current) {
          links.forEach(function (link) {
            link.classList.toggle("active", link === current);
          });
        }
      },
      { rootMargin: "0px 0px -60% 0px" },
    );
    byId.forEach(function (_link, heading) {
      observer.observe(heading);
    });
  }

  startFigures();
  trackOutline();
})();
