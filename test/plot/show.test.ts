import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LossbookError } from "../../src/errors";
import { linePlot } from "../../src/plot";
import { markdownBundle, PLOTLY_MIME_TYPE, setDisplayPublisher, show, showMarkdown, showMath, showTable, tableBundle, type MimeBundle } from "../../src/plot/show";

const requireHere = createRequire(__filename);

const figure = linePlot([{ name: "thirds", x: [0, 1, 2], y: [0, 1 / 3, 2 / 3] }], { title: "A </script> title", xTitle: "x", yTitle: "y" });

let published: MimeBundle[];
beforeEach(() => {
  published = [];
  setDisplayPublisher((bundle) => published.push(bundle));
});
afterEach(() => setDisplayPublisher(undefined));

describe("show", () => {
  it("publishes one self-contained bundle: the plotly figure as a JSON object and a plain-text title", () => {
    show(figure);
    expect(published).toHaveLength(1);
    const { data, metadata } = published[0];
    expect(Object.keys(data).sort()).toEqual([PLOTLY_MIME_TYPE, "text/plain"].sort());
    expect(metadata).toEqual({});
    const plotly = data[PLOTLY_MIME_TYPE] as { data: { y: number[] }[]; layout: { title: { text: string } }; config: object };
    expect(typeof plotly).toBe("object");
    expect(plotly.layout.title.text).toBe("A </script> title");
    expect(plotly.data[0].y).toEqual([0, 0.333333, 0.666667]); // rounded to 6 digits for the notebook file
    expect(plotly.config).toEqual(figure.config);
    expect(data["text/plain"]).toBe("[plot] A </script> title");
  });

  it("publishes the same bundle for the same figure, whatever was shown before (no output depends on an earlier one)", () => {
    show(linePlot([{ name: "other", x: [0, 1], y: [1, 0] }], { title: "first", xTitle: "x", yTitle: "y" }));
    show(figure);
    const again: MimeBundle[] = [];
    setDisplayPublisher((bundle) => again.push(bundle));
    show(figure);
    expect(again[0]).toEqual(published[1]);
    expect(JSON.stringify(published)).not.toMatch(/<script|plotly\.js v|text\/html/);
  });

  it("stores long number arrays as plotly.js base64 float32 typed arrays, matrices with their shape", () => {
    const x = Array.from({ length: 100 }, (_, i) => i / 7);
    const z = Array.from({ length: 10 }, (_, r) => Array.from({ length: 12 }, (_, c) => r * 12 + c + 0.5));
    show({ data: [{ type: "contour", x, y: [1, 2, 3], z, marker: { color: x } }], layout: { title: { text: "t" } } } as never);
    const trace = (published[0].data[PLOTLY_MIME_TYPE] as { data: Record<string, unknown>[] }).data[0];
    const decode = (encoded: unknown) => {
      const { dtype, bdata } = encoded as { dtype: string; bdata: string };
      expect(dtype).toBe("f4");
      const bytes = Buffer.from(bdata, "base64");
      return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    };
    expect(decode(trace.x)).toEqual(x.map((v) => Math.fround(Number(v.toPrecision(6)))));
    expect(trace.y).toEqual([1, 2, 3]); // short arrays stay plain JSON
    expect((trace.z as { shape: string }).shape).toBe("10,12");
    expect(decode(trace.z)).toEqual(z.flat());
    expect(decode((trace.marker as { color: unknown }).color)).toEqual(decode(trace.x));
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

describe("decodeNumberArray and decodeFigure", () => {
  it("invert encodeNumberArray to float32 precision, for lists and matrices, and leave short arrays alone", async () => {
    const { decodeFigure, decodeNumberArray, encodeNumberArray } = await import("../../src/plot/show");
    const list = Array.from({ length: 100 }, (_, i) => Math.sin(i) * 1e3);
    const decoded = decodeNumberArray(encodeNumberArray(list)) as number[];
    expect(decoded).toHaveLength(100);
    decoded.forEach((value, i) => expect(Math.abs(value - list[i])).toBeLessThanOrEqual(Math.abs(list[i]) * 2 ** -24));
    const matrix = Array.from({ length: 8 }, (_, r) => Array.from({ length: 9 }, (_, c) => r * 9 + c + 0.5));
    expect(decodeNumberArray(encodeNumberArray(matrix))).toEqual(matrix);
    expect(decodeNumberArray([1, 2, 3])).toEqual([1, 2, 3]);
    const figure = { data: [{ x: encodeNumberArray(list), y: [1, 2], marker: { color: encodeNumberArray(list) } }], layout: { title: { text: "t" } } };
    const plain = decodeFigure(figure);
    expect((plain.data[0].x as number[]).length).toBe(100);
    expect(plain.data[0].marker.color).toEqual(plain.data[0].x);
    expect(plain.data[0].y).toEqual([1, 2]);
    expect(plain.layout).toEqual({ title: { text: "t" } });
  });
});
