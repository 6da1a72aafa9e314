/**
 * The site build on the committed notebooks plus the test fixture: every
 * notebook gets a page, math is rendered, links and anchors resolve, figures
 * carry their data, the gallery lists the whole registry.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupLossesByAxis, losses, peerTable } from "../../src/losses/registry";
import { PLOTLY_MIME } from "../../scripts/site/figures";
import { joinSource } from "../../scripts/site/notebook";
import { attributeValues, buildTestSite, decodeEntities, headingLevels, proseText, type TestSite } from "./helpers";

let site: TestSite;
let pages: string[];

beforeAll(async () => {
  site = await buildTestSite();
  pages = site.result.pages.map((page) => page.file);
});

afterAll(() => site?.remove());

interface NotebookJson {
  cells: Array<{ cell_type: string; source: string | string[]; outputs?: Array<{ data?: Record<string, unknown> }> }>;
}

function readNotebookJson(path: string): NotebookJson {
  return JSON.parse(readFileSync(path, "utf8")) as NotebookJson;
}

describe("site build", () => {
  it("gives every notebook a page, a downloadable copy and an entry in the table of contents", () => {
    const index = site.read("index.html");
    for (const notebook of site.notebooks) {
      const slug = basename(notebook, ".ipynb");
      expect(pages).toContain(`${slug}.html`);
      expect(readFileSync(join(site.dir, "notebooks", basename(notebook)), "utf8")).toBe(readFileSync(notebook, "utf8"));
      expect(index).toContain(`href="${slug}.html"`);
      expect(site.read(`${slug}.html`)).toContain(`href="notebooks/${basename(notebook)}" download`);
    }
    expect(pages).toEqual(expect.arrayContaining(["index.html", "gallery.html", "404.html"]));
  });

  it("maps each chapter to its number, English and Chinese title and the document sections it covers", () => {
    const index = site.read("index.html");
    expect(index).toContain('<span class="section-number">9.1</span> <span class="title-en">Site Fixture</span> <span class="title-zh" lang="zh-Hans">测试章节</span>');
    expect(index).toContain("Document §9.1, §9.2");
    expect(index).toContain('href="99-site-fixture.html#display-math"');
  });

  it("renders all math: KaTeX markup present, no raw $$ or TeX commands left in the text", () => {
    for (const notebook of site.notebooks) {
      const html = site.read(`${basename(notebook, ".ipynb")}.html`);
      const text = proseText(html);
      expect(text, notebook).not.toContain("$$");
      expect(text.match(/\\(frac|sum|hat|mathbb|operatorname|begin|end|delta|sigma|log|partial|text)\b/g) ?? [], notebook).toEqual([]);
      const hasMath = readNotebookJson(notebook).cells.some((cell) => cell.cell_type === "markdown" && joinSource(cell.source).includes("$"));
      if (hasMath) {
        expect(html, notebook).toContain('class="katex"');
        expect(html, notebook).toContain("assets/katex/katex.min.css");
      }
    }
    expect(proseText(site.read("gallery.html"))).not.toContain("$$");
  });

  it("resolves every internal link and anchor, and only uses its own origin for resources", () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      if (!ids.has(file)) ids.set(file, new Set(attributeValues(site.read(file), "id")));
      return ids.get(file)!;
    };
    for (const page of pages) {
      const html = site.read(page);
      const pageIds = attributeValues(html, "id");
      expect(new Set(pageIds).size, `${page} has duplicate ids`).toBe(pageIds.length);
      const resources = [...attributeValues(html, "src"), ...(html.match(/<link\b[^>]*>/g) ?? []).flatMap((tag) => attributeValues(tag, "href"))];
      for (const resource of resources) expect(resource, `${page} loads ${resource} from another origin`).not.toMatch(/^(https?:)?\/\//);
      const plotlyScript = /<meta name="lossbook-plotly" content="([^"]+)">/.exec(html)?.[1];
      const references = [...attributeValues(html, "href"), ...attributeValues(html, "src"), ...(plotlyScript ? [plotlyScript] : [])];
      for (const reference of references) {
        // Links to other sites are fine to follow; they are not loaded (checked above).
        if (/^(mailto:|data:|https?:\/\/)/.test(reference)) continue;
        expect(reference, `${page}: absolute path ${reference} breaks under a sub-path`).not.toMatch(/^\//);
        const [pathWithQuery, fragment] = reference.split("#");
        const path = pathWithQuery.split("?")[0];
        const target = path === "" ? page : decodeURIComponent(path);
        expect(existsSync(join(site.dir, target)), `${page} links to missing ${target}`).toBe(true);
        if (fragment !== undefined && fragment !== "" && target.endsWith(".html")) {
          expect(idsOf(target).has(decodeURIComponent(fragment)), `${page} links to missing anchor ${target}#${fragment}`).toBe(true);
        }
      }
    }
  });

  it("keeps headings in order: one h1, never skipping a level on the way down", () => {
    for (const page of pages) {
      const levels = headingLevels(site.read(page));
      expect(levels.filter((level) => level === 1), page).toHaveLength(1);
      expect(levels[0], page).toBe(1);
      levels.forEach((level, i) => {
        if (i > 0) expect(level - levels[i - 1], `${page}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(1);
      });
    }
  });

  it("gives every plotly figure its data, and loads plotly.js only on pages with figures", () => {
    for (const notebook of site.notebooks) {
      const plotlyOutputs = readNotebookJson(notebook).cells.flatMap((cell) => cell.outputs ?? []).filter((output) => output.data?.[PLOTLY_MIME] !== undefined).length;
      const html = site.read(`${basename(notebook, ".ipynb")}.html`);
      const placeholders = [...html.matchAll(/<div class="plotly-figure(?: has-static)?" id="([^"]+)"/g)].map((match) => match[1]);
      expect(placeholders, notebook).toHaveLength(plotlyOutputs);
      // Each plot is described for screen readers by its title.
      expect(html.match(/<figure class="plot" aria-label="Plot: [^"]+">/g) ?? [], notebook).toHaveLength(plotlyOutputs);
      for (const id of placeholders) {
        const json = new RegExp(`<script type="application/json" id="${id}-data">([\\s\\S]*?)</script>`).exec(html);
        expect(json, `${notebook}: ${id} has no data`).not.toBeNull();
        const figure = JSON.parse(json![1]) as { data: unknown[]; layout: object };
        expect(figure.data.length, `${notebook}: ${id}`).toBeGreaterThan(0);
      }
      expect(html.includes("plotly.min.js"), notebook).toBe(plotlyOutputs > 0);
    }
    expect(site.read("index.html")).not.toContain("plotly.min.js");
  });

  it("hosts one partial plotly.js holding exactly the trace types the pages' figures use", () => {
    const used = new Set<string>();
    for (const page of pages) {
      for (const match of site.read(page).matchAll(/<script type="application\/json" id="figure-\d+-data">([\s\S]*?)<\/script>/g)) {
        for (const trace of (JSON.parse(match[1]) as { data: Array<{ type?: string }> }).data) used.add(trace.type ?? "scatter");
      }
    }
    expect(used.size).toBeGreaterThan(0);
    expect(site.result.plotly?.traceTypes).toEqual([...new Set([...used, "scatter"])].sort());
    const bundle = site.read("assets/plotly.min.js");
    expect(bundle.startsWith(`/* plotly.js ${site.result.plotly?.version}, partial bundle for the lossbook site: ${site.result.plotly?.traceTypes.join(", ")}.`)).toBe(true);
    expect(Buffer.byteLength(bundle)).toBe(site.result.plotly?.bytes);
    for (const page of site.result.pages) expect(page.traceTypes.every((type) => used.has(type)), page.file).toBe(true);
  });

  it("renders a plotly bundle from its JSON and not from the classic-Jupyter HTML beside it", () => {
    const html = site.read("99-site-fixture.html");
    expect(html).toContain("Fixture plot: square and absolute value");
    expect(html).not.toContain("__classicHtmlRan");
    expect(html).not.toContain("classic-jupyter-plot");
  });

  it("shows a plot's static image (image/svg+xml beside the plotly JSON) as its placeholder, sized as the drawn plot will be", () => {
    const html = site.read("99-site-fixture.html");
    const placeholder = /<div class="plotly-figure has-static" id="(figure-\d+)" data-height="300"[^>]*style="--plot-height:300px;--plot-height-phone:(\d+)px"><img class="plot-static" src="([^"]+)" alt="Fixture plot with a static image" loading="lazy" decoding="async">/.exec(html);
    expect(placeholder).not.toBeNull();
    // Two legend entries: one row below a plot of at most 400 px.
    expect(Number(placeholder![2])).toBe(300 + 19);
    const image = readFileSync(join(site.dir, placeholder![3]), "utf8");
    expect(image).toMatch(/^<svg[\s\S]*Fixture plot with a static image/);
    // The first plot has no static image: a plain placeholder.
    expect(html).toMatch(/<div class="plotly-figure" id="figure-1"[^>]*><\/div>/);
  });

  it("renders every output kind of the fixture", () => {
    const html = site.read("99-site-fixture.html");
    expect(html).toMatch(/<pre class="output output-stream output-stdout"[^>]*>mean: 0.5\n<\/pre>/);
    expect(html).toContain("output-stderr");
    expect(html).toMatch(/class="output output-error"[\s\S]*Error: bad input/);
    expect(html).not.toContain("\u001b[");
    expect(html).toMatch(/<div class="output output-html"><table>/);
    expect(html).toContain('<pre class="output output-text" tabindex="0">2</pre>');
    expect(html).toContain('alt="A colour gradient, 24 by 16 pixels"');
    const image = attributeValues(html, "src").find((src) => src.startsWith("images/"));
    expect(readFileSync(join(site.dir, image!)).subarray(1, 4).toString()).toBe("PNG");
    expect(html).toMatch(/<details class="solution"><summary>Worked solution<\/summary><pre class="shiki/);
    expect(html).toContain('<span class="cell-label">Check</span>');
    expect(html).toContain("中文段落：损失函数衡量预测值与真实值之间的差距。");
  });

  it("gives every image alt text", () => {
    for (const page of pages) {
      for (const image of site.read(page).match(/<img\b[^>]*>/g) ?? []) {
        expect(image, page).toMatch(/\salt="[^"]+"/);
      }
    }
  });

  it("lists every loss of the registry in the gallery, each with formula, gradient and plot", () => {
    const gallery = site.read("gallery.html");
    expect(losses.length).toBeGreaterThan(0);
    for (const loss of losses) {
      const start = gallery.search(new RegExp(`<section class="loss-card[^"]*"[^>]* aria-labelledby="loss-${loss.id}">`));
      expect(start, loss.id).toBeGreaterThan(-1);
      const card = gallery.slice(start, gallery.indexOf("</section>", start));
      expect(card).toContain(loss.nameZh.replace(/&/g, "&amp;"));
      expect(card.match(/class="katex-display"/g), `${loss.id}: formula and gradient`).toHaveLength(2);
      expect(card).toContain('class="plotly-figure"');
      expect(gallery).toContain(`href="#loss-${loss.id}"`);
    }
    expect(gallery.match(/<section class="loss-card[ "]/g)).toHaveLength(losses.length);
  });

  it("shows each loss's registry example with the value the library computes for it", () => {
    const gallery = site.read("gallery.html");
    for (const loss of losses) {
      const start = gallery.search(new RegExp(`<section class="loss-card[^"]*"[^>]* aria-labelledby="loss-${loss.id}">`));
      const card = gallery.slice(start, gallery.indexOf("</section>", start));
      const example = /<dt>Example<\/dt><dd><code>([\s\S]*?)<\/code> returns <code>([^<]+)<\/code>/.exec(card);
      expect(example, loss.id).not.toBeNull();
      const call = decodeEntities(example![1].replace(/<wbr>/g, ""));
      expect(call.startsWith(`${loss.id}(`), loss.id).toBe(true);
      // The call as shown is valid TypeScript for the same inputs the registry holds.
      expect(call).toContain(JSON.stringify(loss.example.yTrue).replace(/,/g, ", "));
      const expected = loss.value(loss.example.yTrue, loss.example.yPred, loss.example.options) as number;
      expect(Number(example![2]), loss.id).toBeCloseTo(expected, Math.max(0, 3 - Math.floor(Math.log10(Math.abs(expected) || 1))));
    }
  });

  it("shows every framework each loss is checked against, with its name, call, convention and difference, in an accessible table", () => {
    const gallery = site.read("gallery.html");
    const start = gallery.indexOf('<h2 id="in-the-frameworks">');
    expect(start).toBeGreaterThan(-1);
    const section = gallery.slice(start, gallery.indexOf("</table>", start));
    // A keyboard-reachable scroll region around a real table with a caption and header scopes.
    expect(section).toMatch(/<div class="table-scroll" tabindex="0" role="region" aria-label="Each loss in the frameworks">/);
    expect(section).toMatch(/<caption>42 framework calls for the 14 losses/);
    expect(section.match(/<th scope="col">/g)).toHaveLength(6);
    const rows = peerTable();
    expect(rows.length).toBe(42);
    expect(section.match(/<tr>/g)).toHaveLength(rows.length + 1);
    expect(section.match(/<tbody>/g)).toHaveLength(losses.length);
    for (const loss of losses) {
      const own = rows.filter((row) => row.loss === loss.id);
      expect(section, loss.id).toContain(`<th scope="rowgroup" rowspan="${own.length}"><a href="#loss-${loss.id}">`);
    }
    const cells = (className: string) => [...section.matchAll(new RegExp(`<td class="${className}"><code>([\\s\\S]*?)</code></td>`, "g"))].map((match) => decodeEntities(match[1].replace(/<wbr>/g, "")));
    expect(cells("peer-name")).toEqual(rows.map((row) => row.peerName));
    expect(cells("peer-call")).toEqual(rows.map((row) => row.call));
    const plain = decodeEntities(section);
    for (const row of rows) {
      expect(plain).toContain(row.convention);
      if (row.difference) expect(plain).toContain(row.difference);
    }
    expect(section.match(/<td>the same numbers<\/td>/g)).toHaveLength(rows.filter((row) => row.difference === "").length);
  });

  it("draws the losses that share an x-axis side by side, one plot per axis", () => {
    const gallery = site.read("gallery.html");
    const start = gallery.indexOf('<h2 id="side-by-side">');
    expect(start).toBeGreaterThan(-1);
    const section = gallery.slice(start, gallery.indexOf("</article>", start));
    const plotted = [...section.matchAll(/<script type="application\/json" id="figure-\d+-data">([\s\S]*?)<\/script>/g)].map(
      (match) => (JSON.parse(match[1]) as { data: Array<{ name: string }> }).data.length,
    );
    const shared = groupLossesByAxis().filter((group) => group.ids.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    expect(plotted).toEqual(shared.map((group) => group.ids.length));
  });

  it("ships KaTeX with woff2 fonts only, and a 404 page in the site's shell whose assets exist", () => {
    const css = site.read("assets/katex/katex.min.css");
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatch(/\.woff2$/);
      expect(existsSync(join(site.dir, "assets/katex", font)), font).toBe(true);
    }
    const notFound = site.read("404.html");
    expect(notFound).toContain('<header class="site-header">');
    expect(notFound).toContain('role="searchbox"');
    for (const url of attributeValues(notFound, "href").concat(attributeValues(notFound, "src")).filter((url) => url.startsWith("assets/"))) {
      expect(existsSync(join(site.dir, url.split("?")[0])), url).toBe(true);
    }
  });

  it("builds the fixture deterministically (same input, same pages)", async () => {
    const again = await buildTestSite();
    try {
      expect(again.read("99-site-fixture.html")).toBe(site.read("99-site-fixture.html"));
      expect(again.read("gallery.html")).toBe(site.read("gallery.html"));
    } finally {
      again.remove();
    }
  });
});
