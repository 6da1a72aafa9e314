/*
 * The page's plotly figures, drawn from their embedded JSON with the
 * self-hosted plotly.js, each when it comes near the screen (none at load
 * unless it is in view): plotly.js itself is fetched when the first figure
 * is wanted. A figure with a static image (the notebook's image/svg+xml or
 * image/png beside the plotly JSON) shows that image until it is drawn.
 * Figures are themed for light/dark and adapted to phone widths, and
 * redrawn when either changes. The frame's height is set by site.css
 * (build-time numbers), so drawing never moves the page.
 * Progress, for the tests and the benchmark: <html data-view-drawn="true">
 * (performance mark "lossbook:view-drawn") once fonts and the figures in the
 * first screen are drawn; <html data-figures-drawn="true"> and the
 * "lossbook:drawn" event (mark "lossbook:drawn") once every figure is drawn.
 * The "lossbook:draw-all" event draws every figure now (tests, printing).
 */
import { currentTheme, onThemeChange } from "./theme";

const root = document.documentElement;
const narrowQuery = window.matchMedia("(max-width: 40rem)");
// "Share chart…" is plotly's upload to Chart Studio: sendChartToCloud in plotly.js 2 and later, sendDataToCloud before.
const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d", "sendChartToCloud", "sendDataToCloud"] };

/**
 * plotly.js's own zh-CN locale (its toolbar's tooltips in Chinese), as a
 * chunk fetched on Chinese pages only; null on English pages or when it
 * cannot be fetched (the toolbar then speaks English).
 */
function plotlyLocale() {
  if (!/^zh\b/i.test(root.lang)) return Promise.resolve(null);
  return import("plotly.js/lib/locales/zh-cn.js").then(
    (module) => module.default || module,
    () => null,
  );
}
/** Height of plotly's toolbar (top right): a phone title starts below it. */
const TOOLBAR_HEIGHT = 34;

function mark(name) {
  if (window.performance && performance.mark) performance.mark(name);
}

let palette = null;

/** The page's colours and font, read once per theme (reading styles between plots would force a re-layout each time). */
function pagePalette() {
  if (palette) return palette;
  const style = getComputedStyle(document.body);
  const read = (name) => style.getPropertyValue(name).trim();
  // light-dark() values are resolved on properties, not on custom properties: read them through real ones.
  const probe = document.createElement("span");
  probe.style.cssText = "position:absolute;visibility:hidden;color:var(--text);background-color:var(--bg);border-color:var(--muted)";
  document.body.appendChild(probe);
  const resolved = getComputedStyle(probe);
  palette = { text: resolved.color || "#1f2328", muted: resolved.borderTopColor || "#59636e", bg: resolved.backgroundColor || "#fff", font: read("--font-sans") || undefined };
  probe.remove();
  return palette;
}

function copy(value) {
  return JSON.parse(JSON.stringify(value || {}));
}

/** Roughly how wide text is, in ems of the site's Inter (a little wide, to be safe; CJK characters are one em). */
export function textWidth(text) {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    width += code >= 0x2e80 ? 1 : code >= 65 && code <= 90 ? 0.72 : code === 32 ? 0.3 : 0.6;
  }
  return width;
}

/** Breaks text at spaces into lines about `limit` ems wide at most, joined by <br>. */
export function wrapText(text, limit) {
  if (typeof text !== "string" || textWidth(text) <= limit || text.indexOf("<br") !== -1) return text;
  const lines = [];
  let line = "";
  text.split(" ").forEach((word) => {
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

/** The figure's own layout with the page's colours and, on phones, a compact frame. */
function themedLayout(element, layout) {
  const themed = copy(layout);
  const colours = pagePalette();
  const { text, muted } = colours;
  const dark = currentTheme() === "dark";
  const grid = dark ? "rgba(200, 200, 200, 0.14)" : "rgba(60, 60, 60, 0.12)";
  const line = dark ? "rgba(200, 200, 200, 0.45)" : "rgba(60, 60, 60, 0.45)";
  themed.paper_bgcolor = "rgba(0,0,0,0)";
  themed.plot_bgcolor = "rgba(0,0,0,0)";
  themed.font = Object.assign({}, themed.font, { color: text, family: colours.font });
  themed.legend = Object.assign({ bgcolor: "rgba(0,0,0,0)" }, themed.legend);
  themed.legend.font = Object.assign({}, themed.legend.font, { color: text });
  themed.hoverlabel = Object.assign({}, themed.hoverlabel, { bgcolor: colours.bg, bordercolor: line, font: { color: text } });
  Object.keys(themed).forEach((key) => {
    if (!/^[xy]axis\d*$/.test(key)) return;
    const axis = themed[key];
    axis.gridcolor = grid;
    axis.zerolinecolor = line;
    axis.linecolor = line;
    axis.tickcolor = line;
    axis.tickfont = Object.assign({}, axis.tickfont, { color: muted });
    if (axis.title && typeof axis.title === "object") axis.title.font = Object.assign({}, axis.title.font, { color: text });
  });
  if (themed.title && typeof themed.title === "object") themed.title.font = Object.assign({}, themed.title.font, { color: text });
  (themed.annotations || []).forEach((annotation) => {
    annotation.font = Object.assign({}, annotation.font, { color: text });
  });

  themed.autosize = true;
  delete themed.width;
  // The frame's height comes from site.css (build-time numbers), so the page never moves when a plot draws.
  themed.height = element.clientHeight || Number(element.getAttribute("data-height")) || 420;
  if (narrowQuery.matches) {
    // A phone: smaller text, long titles broken into lines (plotly never
    // wraps text) below the toolbar, the legend in rows at the bottom (the
    // frame is taller by as many rows as it needs: figures.ts).
    const width = element.clientWidth || 340;
    let titleLines = 0;
    themed.font.size = 11;
    if (themed.title) {
      const title = typeof themed.title === "string" ? { text: themed.title } : themed.title;
      title.text = wrapText(title.text, (width - 16) / 14);
      title.font = Object.assign({}, title.font, { size: 14 });
      titleLines = title.text ? title.text.split("<br>").length : 0;
      // plotly lowers a one-line title anchored at its top by its ascent, but puts
      // the first baseline of a wrapped one at the anchor: lower that by hand.
      Object.assign(title, { yref: "container", y: 1, yanchor: "top", x: 0, xanchor: "left", xref: "container", pad: { t: TOOLBAR_HEIGHT + (titleLines > 1 ? 13 : 2), l: 4 } });
      themed.title = title;
    }
    Object.keys(themed).forEach((key) => {
      const axis = themed[key];
      if (!/^xaxis\d*$/.test(key) || !axis.title) return;
      if (typeof axis.title === "string") axis.title = { text: axis.title };
      axis.title.text = wrapText(axis.title.text, (width - 48) / 11);
      axis.automargin = true;
    });
    themed.margin = Object.assign({}, themed.margin, { l: 48, r: 8, t: TOOLBAR_HEIGHT + (titleLines ? 10 + 18 * titleLines : 0), b: 8 });
    Object.assign(themed.legend, { orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom", font: Object.assign({}, themed.legend.font, { size: 10 }) });
  }
  return themed;
}

export function startPlots() {
  const figures = Array.prototype.slice.call(document.querySelectorAll(".plotly-figure"));
  const figureData = new Map();
  let pending = figures.length;
  let plotlyState = "none"; // "none" → "loading" → "ready" | "failed"
  const waiting = []; // figures wanted before plotly.js was ready
  // The figures in the first screen, known from the observer's first report
  // (asking each figure for its box here would lay out the whole page,
  // sections off screen included: site.css skips those).
  let inFirstView = null;

  function finished() {
    mark("lossbook:drawn");
    root.setAttribute("data-figures-drawn", "true");
    window.dispatchEvent(new Event("lossbook:drawn"));
  }

  function dataOf(element) {
    if (!figureData.has(element)) {
      const script = document.getElementById(element.id + "-data");
      figureData.set(element, JSON.parse(script.textContent));
    }
    return figureData.get(element);
  }

  const configOf = (figure) => Object.assign({}, figure.config || {}, config);

  function checkFirstView() {
    if (root.hasAttribute("data-view-drawn") || inFirstView === null) return;
    const drawn = inFirstView.every((element) => element.getAttribute("data-drawn") === "true");
    if (!drawn) return;
    document.fonts.ready.then(() => {
      if (root.hasAttribute("data-view-drawn")) return;
      mark("lossbook:view-drawn");
      root.setAttribute("data-view-drawn", "true");
    });
  }

  function draw(element) {
    if (element.hasAttribute("data-drawn")) return;
    // A figure queued while plotly.js loaded may be gone by then: the workbook's Run all replaces a cell's
    // outputs (and the figure's data script with them) with new ones, which are drawn in their own turn.
    if (!element.isConnected) return;
    if (plotlyState !== "ready") {
      if (waiting.indexOf(element) === -1) waiting.push(element);
      loadPlotly();
      return;
    }
    element.setAttribute("data-drawn", "pending");
    const figure = dataOf(element);
    window.Plotly.newPlot(element, figure.data, themedLayout(element, figure.layout), configOf(figure)).then(
      () => {
        element.setAttribute("data-drawn", "true");
        element.classList.add("is-drawn");
        const image = element.querySelector(".plot-static");
        if (image) image.remove();
        mark("lossbook:figure-drawn");
        checkFirstView();
        pending -= 1;
        if (pending === 0) finished();
      },
      (error) => {
        console.error("lossbook: could not draw " + element.id, error);
      },
    );
  }

  function redrawAll() {
    palette = null;
    figures.forEach((element) => {
      if (element.getAttribute("data-drawn") !== "true") return;
      const figure = dataOf(element);
      window.Plotly.react(element, figure.data, themedLayout(element, figure.layout), configOf(figure));
    });
  }

  /** Fetches the self-hosted plotly.js named by <meta name="lossbook-plotly">, once. */
  function loadPlotly() {
    if (plotlyState !== "none") return;
    plotlyState = "loading";
    const locale = plotlyLocale();
    const meta = document.querySelector('meta[name="lossbook-plotly"]');
    const script = document.createElement("script");
    script.src = meta ? meta.getAttribute("content") : "";
    script.onload = () => locale.then(ready);
    const ready = (dictionary) => {
      if (dictionary) {
        window.Plotly.register(dictionary);
        config.locale = dictionary.name;
      }
      plotlyState = "ready";
      mark("lossbook:plotly-ready");
      waiting.splice(0).forEach(draw);
      readyQueue.splice(0).forEach((run) => run());
      onThemeChange(redrawAll);
      narrowQuery.addEventListener("change", redrawAll);
    };
    script.onerror = () => {
      plotlyState = "failed";
      figures.forEach((element) => element.setAttribute("data-drawn", "failed"));
      console.error("lossbook: plotly.js did not load from " + script.src + ", so the plots cannot be drawn");
    };
    document.head.appendChild(script);
  }

  /**
   * For the explorables (client/explorables/): draws `figure` into `element`
   * (a page figure or a new one) with the page's theme, once plotly.js is
   * there, and keeps it, so that a theme change redraws what the reader set,
   * not the static figure. Resolves when plotly has drawn it.
   */
  const readyQueue = [];
  window.lossbookPlots = {
    draw(element, figure) {
      const isPageFigure = figures.indexOf(element) !== -1;
      const counted = isPageFigure && !element.hasAttribute("data-drawn");
      figureData.set(element, figure);
      if (!isPageFigure) figures.push(element);
      element.setAttribute("data-drawn", "pending");
      const render = () =>
        window.Plotly.react(element, figure.data, themedLayout(element, figure.layout), configOf(figure)).then((plot) => {
          const first = element.getAttribute("data-drawn") !== "true";
          element.setAttribute("data-drawn", "true");
          element.classList.add("is-drawn");
          const image = element.querySelector(".plot-static");
          if (image) image.remove();
          if (first && counted) {
            checkFirstView();
            pending -= 1;
            if (pending === 0) finished();
          }
          return plot;
        });
      if (plotlyState === "ready") return render();
      return new Promise((resolve, reject) => {
        readyQueue.push(() => render().then(resolve, reject));
        loadPlotly();
      });
    },
  };

  /** For the workbook (runtime/workbook.ts): draws figures that cells put on the page after it loaded, at once. */
  window.lossbookDrawFigures = (elements) => {
    for (let i = figures.length - 1; i >= 0; i--) if (!figures[i].isConnected) figures.splice(i, 1);
    elements.forEach((element) => {
      figures.push(element);
      pending += 1;
      draw(element);
    });
  };

  if (figures.length === 0 || !("IntersectionObserver" in window)) inFirstView = figures.slice();
  checkFirstView();
  if (figures.length === 0) {
    finished();
    return;
  }
  window.addEventListener("lossbook:draw-all", () => figures.forEach(draw));
  if (!("IntersectionObserver" in window)) {
    figures.forEach(draw);
    return;
  }
  // A figure is drawn when it comes within half a screen of the view.
  const observer = new IntersectionObserver(
    (entries) => {
      if (inFirstView === null) {
        // The first report covers every figure, with the box it has in the first screen.
        inFirstView = entries.filter((entry) => entry.boundingClientRect.top < window.innerHeight && entry.boundingClientRect.bottom > 0 && entry.boundingClientRect.height > 0).map((entry) => entry.target);
        checkFirstView();
      }
      entries.forEach((entry) => {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        draw(entry.target);
      });
    },
    { rootMargin: "50% 0px" },
  );
  figures.forEach((element) => observer.observe(element));
}
