/** Shared by the site tests: build once into a temp folder, read pages back. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { chromiumAvailable } from "../../scripts/site/browser";
import { buildSite, listNotebooks, type BuildResult } from "../../scripts/site/build";

/**
 * Whether a Chromium suite runs: where Debian's chromium is installed, and always with REQUIRE_BROWSER=1
 * (as CI sets it), so that a missing browser fails there instead of skipping. Only a plain checkout
 * without chromium skips them (`apt-get install chromium` runs them).
 */
export const runBrowserTests = chromiumAvailable() || process.env.REQUIRE_BROWSER === "1";

export const FIXTURE = join(__dirname, "fixtures", "99-site-fixture.ipynb");

export interface TestSite {
  result: BuildResult;
  /** The built site. */
  dir: string;
  /** The notebooks it was built from (copies taken before the build). */
  notebooks: string[];
  read(file: string): string;
  remove(): void;
}

/**
 * Builds the committed notebooks plus the fixture into a temp folder. The
 * notebooks are copied first, so the checks compare the site with exactly the
 * notebooks it was built from even while someone re-executes them.
 */
export async function buildTestSite(options: { compress?: boolean } = {}): Promise<TestSite> {
  const dir = mkdtempSync(join(tmpdir(), "lossbook-site-test-"));
  mkdirSync(join(dir, "notebooks"));
  const notebooks = [...listNotebooks(), FIXTURE].map((path) => {
    const copy = join(dir, "notebooks", basename(path));
    copyFileSync(path, copy);
    return copy;
  });
  const result = await buildSite({ notebooks, outDir: join(dir, "site"), compress: options.compress ?? false });
  return {
    result,
    dir: result.outDir,
    notebooks,
    read: (file) => readFileSync(join(result.outDir, file), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Values of an attribute across a page (our HTML quotes attributes with "; notebook HTML may use '). */
export function attributeValues(html: string, attribute: string): string[] {
  const pattern = new RegExp(`\\s${attribute}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "gi");
  return [...html.matchAll(pattern)].map((match) => decodeEntities(match[1] ?? match[2] ?? ""));
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * The page's visible prose: scripts, styles, code, preformatted output and
 * KaTeX's own markup (whose MathML annotation holds the TeX source) removed,
 * then tags stripped.
 */
export function proseText(html: string): string {
  return decodeEntities(
    html
      .replace(/<script[\s\S]*?<\/script>/gi, " ")
      .replace(/<style[\s\S]*?<\/style>/gi, " ")
      .replace(/<pre[\s\S]*?<\/pre>/gi, " ")
      .replace(/<code[\s\S]*?<\/code>/gi, " ")
      .replace(/<annotation[\s\S]*?<\/annotation>/gi, " ")
      .replace(/<[^>]+>/g, " "),
  );
}

/** Heading levels in document order. */
export function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/gi)].map((match) => Number(match[1]));
}
