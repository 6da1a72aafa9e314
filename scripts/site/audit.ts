/**
 * The accessibility audit: the real axe-core engine injected into a page in
 * Chromium, in the four views a reader may have (light and dark, 1280 and
 * 375 px). Used by test/site/accessibility.test.ts (no serious or critical
 * violation on any page) and by `npm run audit:site` (counts per rule).
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { WAIT_FOR_SCROLL_REGIONS } from "./browser";

export interface AuditView {
  name: string;
  width: number;
  height: number;
  colorScheme: "light" | "dark";
}

export const AUDIT_VIEWS: readonly AuditView[] = [
  { name: "light 1280", width: 1280, height: 900, colorScheme: "light" },
  { name: "dark 1280", width: 1280, height: 900, colorScheme: "dark" },
  { name: "light 375", width: 375, height: 800, colorScheme: "light" },
  { name: "dark 375", width: 375, height: 800, colorScheme: "dark" },
];

/**
 * The views the test audits the Chinese pages in: both widths and both
 * themes, each width in one theme (the pages share the English pages' CSS and
 * markup; what differs is text, so its length and wrapping, which the widths
 * test). The English pages get all four.
 */
export const TRANSLATED_AUDIT_VIEWS: readonly AuditView[] = [AUDIT_VIEWS[0], AUDIT_VIEWS[3]];

/** One rule axe-core reports as violated, with the number of nodes and a few of their selectors. */
export interface AuditViolation {
  rule: string;
  impact: string;
  help: string;
  nodes: number;
  examples: string[];
}

let axeSource: string | undefined;

/** axe-core's browser build, read from the installed package. */
function axeScript(): string {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.x A and AA rules and axe's
 * best practices), once every box that scrolls sideways has been marked
 * (scroll-regions.js does those off screen in idle time after load).
 */
export async function auditPage(page: Page): Promise<AuditViolation[]> {
  // Boxes in sections off screen are marked scrollable (and focusable) in idle time after load.
  await page.evaluate(WAIT_FOR_SCROLL_REGIONS);
  await page.addScriptTag({ content: axeScript() });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.length,
      examples: violation.nodes.slice(0, 3).map((node) => `${node.target.join(" ")}: ${(node.failureSummary ?? "").split("\n").slice(1, 2).join("").trim()}`),
    }));
  })) as AuditViolation[];
  return violations;
}

/** Serious and critical violations only: the ones the site must not have. */
export function seriousViolations(violations: AuditViolation[]): AuditViolation[] {
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

/** Opens `url` in `view`, with every plot drawn, and audits it. */
export async function auditUrl(browser: Browser, url: string, view: AuditView, prepare?: (page: Page) => Promise<void>): Promise<AuditViolation[]> {
  const context = // bypassCSP: axe-core is injected as an inline script, which the site's Content-Security-Policy (meant for learners' code) refuses.
  await browser.newContext({ viewport: { width: view.width, height: view.height }, colorScheme: view.colorScheme, isMobile: view.width < 600, hasTouch: view.width < 600, bypassCSP: true });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    if (prepare) await prepare(page);
    return await auditPage(page);
  } finally {
    await context.close();
  }
}
