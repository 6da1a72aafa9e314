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

  var palette = null;

  /** The page's colours and font, read once (reading styles between plots would force a re-layout each time). */
  function pagePalette() {
    if (palette) return palette;
    var style = getComputedStyle(root);
    var read = function (name) {
      return style.getPropertyValue(name).trim();
    };
    palette = { text: read("--text") || "#1f2328", muted: read("--muted") || "#59636e", bg: read("--bg") || "#fff", font: read("--font-sans") || undefined };
    return palette;
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value || {}));
  }

  /** The figure's own layout with the page's colours and, on phones, a compact frame. */
  function themedLayout(element, layout) {
    var themed = copy(layout);
    var colours = pagePalette();
    var text = colours.text;
    var muted = colours.muted;
    var grid = darkQuery.matches ? "rgba(200, 200, 200, 0.14)" : "rgba(60, 60, 60, 0.12)";
    var line = darkQuery.matches ? "rgba(200, 200, 200, 0.45)" : "rgba(60, 60, 60, 0.45)";
    themed.paper_bgcolor = "rgba(0,0,0,0)";
    themed.plot_bgcolor = "rgba(0,0,0,0)";
    themed.font = Object.assign({}, themed.font, { color: text, family: colours.font });
    themed.legend = Object.assign({ bgcolor: "rgba(0,0,0,0)" }, themed.legend);
    themed.legend.font = Object.assign({}, themed.legend.font, { color: text });
    themed.hoverlabel = Object.assign({}, themed.hoverlabel, { bgcolor: colours.bg, bordercolor: line, font: { color: text } });
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
      // A phone: smaller text, long titles broken into lines (plotly never
      // wraps text), the legend in rows at the bottom, where the axis title
      // above it makes room for it.
      var width = element.clientWidth || 340;
      var titleLines = 0;
      themed.height = Math.min(height, 400);
      themed.font.size = 11;
      if (themed.title) {
        var title = typeof themed.title === "string" ? { text: themed.title } : themed.title;
        title.text = wrapText(title.text, (width - 16) / 14);
        title.font = Object.assign({}, title.font, { size: 14 });
        titleLines = title.text ? title.text.split("<br>").length : 0;
        // plotly lowers a one-line title anchored at its top by its ascent, but puts
        // the first baseline of a wrapped one at the anchor: lower that by hand.
        Object.assign(title, { yref: "container", y: 1, yanchor: "top", pad: { t: titleLines > 1 ? 21 : 10 } });
        themed.title = title;
      }
      Object.keys(themed).forEach(function (key) {
        var axis = themed[key];
        if (!/^xaxis\d*$/.test(key) || !axis.title) return;
        if (typeof axis.title === "string") axis.title = { text: axis.title };
        axis.title.text = wrapText(axis.title.text, (width - 48) / 11);
        axis.automargin = true;
      });
      themed.margin = Object.assign({}, themed.margin, { l: 48, r: 8, t: titleLines ? 18 + 18 * titleLines : 16, b: 8 });
      Object.assign(themed.legend, { orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom" });
    } else {
      themed.height = height;
    }
    return themed;
  }

  /** Roughly how wide text is, in ems of a sans-serif font (CJK characters are one em). */
  function textWidth(text) {
    var width = 0;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      width += code >= 0x2e80 ? 1 : code >= 65 && code <= 90 ? 0.68 : 0.53;
    }
    return width;
  }

  /** Breaks text at spaces into lines about `limit` ems wide at most, joined by <br>. */
  function wrapText(text, limit) {
    if (typeof text !== "string" || textWidth(text) <= limit || text.indexOf("<br") !== -1) return text;
    var lines = [];
    var line = "";
    text.split(" ").forEach(function (word) {
      if (line && textWidth(line + " " + word) > limit) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines.join("<br>");
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
    palette = null;
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

  /**
   * Draws the figures not drawn yet in idle time: as many as fit in each idle
   * period (at least one), so they follow one another without waiting a frame
   * each, and scrolling never waits long.
   */
  function drawRestWhenIdle(deadline) {
    for (var i = 0; i < figures.length; i++) {
      if (figures[i].hasAttribute("data-drawn")) continue;
      draw(figures[i]);
      if (!deadline || deadline.didTimeout || deadline.timeRemaining() < 12) {
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

  /** For the workbook (runtime/workbook.ts): draws figures that cells put on the page after it loaded. */
  window.lossbookDrawFigures = function (elements) {
    figures = figures.filter(function (element) {
      return element.isConnected;
    });
    elements.forEach(function (element) {
      figures.push(element);
      pending += 1;
      draw(element);
    });
  };

  startFigures();
  trackOutline();
})();
