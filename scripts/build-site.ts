/**
 * `npm run build:site`: renders notebooks/*.ipynb (with their committed
 * outputs) into the static folder site/. Options: --out DIR, and
 * --notebook PATH (repeatable) to add a notebook after the chapters.
 */
import { resolve } from "node:path";
import { buildSite, DEFAULT_OUT_DIR, listNotebooks } from "./site/build";
import { SiteBuildError } from "./site/errors";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const extra = process.argv.flatMap((arg, index) => (arg === "--notebook" && process.argv[index + 1] ? [resolve(process.argv[index + 1])] : []));
  const result = await buildSite({
    notebooks: [...listNotebooks(), ...extra],
    outDir: resolve(argument("--out") ?? DEFAULT_OUT_DIR),
    log: (line) => console.log(line),
  });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  if (result.compression) {
    const { files, bytes, gzipBytes } = result.compression;
    console.log(`${files} text files, ${(bytes / 1024).toFixed(0)} KiB (${(gzipBytes / 1024).toFixed(0)} KiB gzip), precompressed for the server`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof SiteBuildError) console.error(`build:site failed: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
