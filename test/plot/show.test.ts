import { createRequire } from "node:module";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LossbookError } from "../../src/errors";
import { linePlot } from "../../src/plot";
import { markdownBundle, PLOTLY_MIME_TYPE, resetShowState, setDisplayPublisher, show, showMarkdown, showMath, showTable, tableBundle, type MimeBundle } from "../../src/plot/show";

const requireHere = createRequire(__filename);
const plotlyVersion = (requireHere("plotly.js-cartesian-dist-min/package.json") as { version: string }).version;

const figure = linePlot([{ name: "thirds", x: [0, 1, 2], y: [0, 1 / 3, 2 / 3] }], { title: "A </script> title", xTitle: "x", yTitle: "y" });

let published: MimeBundle[];
beforeEach(() => {
  published = [];
  resetShowState();
  setDisplayPublisher((bundle) => published.push(bundle));
});
afterEach(() => setDisplayPublisher(undefined));

const html = (bundle: MimeBundle) => bundle.data["text/html"] as string;

describe("show", () => {
  it("publishes one bundle: the plotly figure as a JSON object, HTML and a plain-text title", () => {
    show(figure);
    expect(published).toHaveLength(1);
    const { data, metadata } = published[0];
    expect(Object.keys(data).sort()).toEqual([PLOTLY_MIME_TYPE, "text/html", "text/plain"].sort());
    expect(metadata).toEqual({});
    const plotly = data[PLOTLY_MIME_TYPE] as { data: { y: number[] }[]; layout: { title: { text: string } }; config: object };
    expect(typeof plotly).toBe("object");
    expect(plotly.layout.title.text).toBe("A </script> title");
    expect(plotly.data[0].y).toEqual([0, 0.3333333, 0.6666667]); // rounded to 7 digits for the notebook file
    expect(plotly.config).toEqual(figure.config);
    expect(data["text/plain"]).toBe("[plot] A </script> title");
  });

  it("inlines plotly.js in the first figure only, hiding require.js's define so that it sets window.Plotly", () => {
    show(figure);
    show(figure);
    const first = html(published[0]);
    const second = html(published[1]);
    expect(first.startsWith(`<script type="text/javascript" data-lossbook-plotly="${plotlyVersion}">(function(){var define=undefined,module=undefined,exports=undefined;`)).toBe(true);
    expect(first.length).toBeGreaterThan(1_000_000);
    expect(first).toContain("window.Plotly = Plotly");
    expect(second).not.toContain("data-lossbook-plotly");
    expect(second.length).toBeLessThan(5_000);
  });

  it("gives each figure a reproducible, distinct div id", () => {
    show(figure);
    show(figure);
    const ids = published.map((b) => /<div id="(lossbook-plot-\d+-[0-9a-f]{8})"/.exec(html(b))?.[1]);
    expect(ids[0]).toMatch(/^lossbook-plot-1-/);
    expect(ids[1]).toMatch(/^lossbook-plot-2-/);
    const again: MimeBundle[] = [];
    resetShowState();
    setDisplayPublisher((bundle) => again.push(bundle));
    show(figure);
    show(figure);
    expect(again).toEqual(published);
  });

  it("keeps a title containing </script> from closing the script early", () => {
    show(figure);
    show(figure);
    const second = html(published[1]);
    expect(second.match(/<\/script>/g)).toHaveLength(1);
    expect(second).toContain("A \\u003c/script> title");
  });

  it("draws with window.Plotly once the div is in the page and plotly.js has loaded", async () => {
    show(figure);
    show(figure);
    const bundle = html(published[1]);
    const script = /<script type="text\/javascript">([\s\S]*)<\/script>/.exec(bundle)?.[1] as string;
    const id = /<div id="([^"]+)"/.exec(bundle)?.[1];
    const calls: unknown[][] = [];
    let lookups = 0;
    // Classic Notebook runs the script before attaching the output, and
    // plotly.js may arrive later: the first lookups find nothing.
    const page = {
      document: { getElementById: (wanted: string) => (++lookups > 2 && wanted === id ? { id } : null) },
      window: {} as { Plotly?: unknown },
      setTimeout: (f: () => void) => setTimeout(f, 1),
    };
    runInNewContext(script, page);
    page.window.Plotly = { newPlot: (...args: unknown[]) => calls.push(args) };
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toHaveLength(1);
    const [div, data, layout, config] = calls[0];
    expect(div).toEqual({ id });
    expect(JSON.parse(JSON.stringify([data, layout, config]))).toEqual([
      (published[1].data[PLOTLY_MIME_TYPE] as { data: unknown }).data,
      (published[1].data[PLOTLY_MIME_TYPE] as { layout: unknown }).layout,
      figure.config,
    ]);
  });

  it("rejects something that is not a figure", () => {
    expect(() => show({ data: "no" } as never)).toThrow(/figure: must be a plotly figure/);
  });
});

describe("show outside a notebook", () => {
  it("throws a LossbookError that says a tslab kernel is needed", () => {
    setDisplayPublisher(undefined);
    expect(() => show(figure)).toThrow(LossbookError);
    expect(() => show(figure)).toThrow(/tslab kernel/);
  });

  it("finds tslab's lastWriteDisplayData among the loaded modules", () => {
    setDisplayPublisher(undefined);
    const fakePath = join("/nowhere", "node_modules", "tslab", "dist", "jupyter.js");
    const writes: [MimeBundle, boolean][] = [];
    const cache = requireHere.cache as Record<string, unknown>;
    cache[fakePath] = { id: fakePath, filename: fakePath, loaded: true, exports: { lastWriteDisplayData: (b: MimeBundle, u: boolean) => writes.push([b, u]) } };
    try {
      show(figure);
    } finally {
      delete cache[fakePath];
    }
    expect(writes).toHaveLength(1);
    expect(writes[0][1]).toBe(false);
    expect(writes[0][0].data[PLOTLY_MIME_TYPE]).toBeTypeOf("object");
  });
});

describe("showTable", () => {
  const rows = [
    { loss: "MSE", value: 1 / 3, count: 10 },
    { loss: "<b>Huber</b>", value: 0.000012345, note: "robust" },
  ];

  it("renders an HTML table with escaped text, formatted numbers and every column", () => {
    const bundle = tableBundle(rows, { title: "Losses" });
    const tableHtml = bundle.data["text/html"] as string;
    expect(tableHtml).toContain("<caption>Losses</caption>");
    expect(tableHtml).toContain('<th style="text-align:left">loss</th><th style="text-align:right">value</th><th style="text-align:right">count</th><th style="text-align:left">note</th>');
    expect(tableHtml).toContain("&lt;b&gt;Huber&lt;/b&gt;");
    expect(tableHtml).toContain(">0.3333<");
    expect(tableHtml).toContain(">1.234e-5<");
    expect(tableHtml).not.toContain("<b>");
  });

  it("renders aligned plain text", () => {
    expect(tableBundle(rows).data["text/plain"]).toBe(
      ["loss             value  count  note", "------------  --------  -----  ------", "MSE             0.3333     10", "<b>Huber</b>  1.234e-5         robust"].join("\n"),
    );
  });

  it("publishes through the same publisher and rejects empty input", () => {
    showTable(rows);
    showMath("\\frac{1}{n}");
    expect(published.map((b) => Object.keys(b.data))).toEqual([["text/html", "text/plain"], ["text/latex", "text/plain"]]);
    expect(published[1].data["text/latex"]).toBe("$$\\frac{1}{n}$$");
    expect(() => showTable([])).toThrow(/rows: must be a non-empty array/);
  });
});

describe("showMarkdown", () => {
  it("publishes the text as text/markdown with the same text as text/plain, through the same publisher", () => {
    showMarkdown("**Huber loss** (Huber损失): $\\delta = 1$\n\n- one\n- two");
    expect(published).toEqual([
      { data: { "text/markdown": "**Huber loss** (Huber损失): $\\delta = 1$\n\n- one\n- two", "text/plain": "**Huber loss** (Huber损失): $\\delta = 1$\n\n- one\n- two" }, metadata: {} },
    ]);
    expect(markdownBundle("# T")).toEqual({ data: { "text/markdown": "# T", "text/plain": "# T" }, metadata: {} });
  });

  it("refuses empty or non-string text, naming the argument", () => {
    expect(() => showMarkdown("  ")).toThrow(/^text: must be a non-empty string of Markdown/);
    expect(() => showMarkdown(42 as never)).toThrow(LossbookError);
    expect(published).toHaveLength(0);
  });

  it("needs a kernel when no publisher is set, like show", () => {
    setDisplayPublisher(undefined);
    expect(() => showMarkdown("hi")).toThrow(/tslab kernel/);
  });
});
