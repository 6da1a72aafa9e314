/**
 * `npm run audit:site`: builds the site into a temp folder and runs axe-core
 * on every page in the four views (light/dark × 1280/375 px), printing the
 * violated rules with their impact and node counts, the Chinese pages (zh/)
 * too. --pages a.html,zh/b.html audits only those.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AUDIT_VIEWS, auditUrl } from "./site/audit";
import { buildSite } from "./site/build";
import { launchChromium, WAIT_FOR_DRAWN } from "./site/browser";
import { startSiteServer } from "./site/server";

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), "lossbook-audit-site-"));
  const build = await buildSite({ outDir, compress: false });
  const only = process.argv.includes("--pages") ? process.argv[process.argv.indexOf("--pages") + 1].split(",") : undefined;
  const server = await startSiteServer({ dir: build.outDir });
  const browser = await launchChromium();
  const totals = new Map<string, number>();
  try {
    for (const page of [...build.pages, ...build.zhPages].filter((entry) => !only || only.includes(entry.file))) {
      for (const view of AUDIT_VIEWS) {
        const violations = await auditUrl(browser, server.url + page.file, view, async (tab) => {
          await tab.evaluate(`Promise.race([${WAIT_FOR_DRAWN}, new Promise((resolve) => setTimeout(resolve, 15000))])`);
        });
        const summary = violations.map((violation) => `${violation.rule} (${violation.impact}) ×${violation.nodes}`).join(", ") || "none";
        console.log(`${page.file} [${view.name}]: ${summary}`);
        for (const violation of violations) {
          const key = `${violation.rule} (${violation.impact})`;
          totals.set(key, (totals.get(key) ?? 0) + violation.nodes);
          if (process.argv.includes("--verbose")) for (const example of violation.examples) console.log(`    ${example}`);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  console.log("\nNodes per violated rule, all pages and views:");
  for (const [rule, nodes] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`  ${rule}: ${nodes}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
