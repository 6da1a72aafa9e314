/**
 * `npm run notebooks [-- [--jobs N] [--dir folder] [name …]]`: executes every
 * notebook in notebooks/ (or --dir) in place on the tslab kernel through `jupyter nbconvert`, so the
 * committed notebooks carry fresh outputs (the site is built from them).
 * Names filter the notebooks (e.g. `05` or `05-huber.ipynb`). Prints the time
 * per notebook; exits non-zero if a notebook fails or writes error output.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import {
  INSTALL_JUPYTER_HELP,
  ensureTslabKernel,
  executeNotebook,
  executionProblems,
  findJupyter,
  listNotebooks,
  mapWithLimit,
  type Notebook,
} from "./notebook-runner";
import { addPlotImages } from "./notebook-images";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let jobs = 2;
  let dir: string | undefined;
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--jobs") jobs = Math.max(1, Number(args[++i]) || 1);
    else if (args[i] === "--dir") dir = args[++i];
    else filters.push(args[i]);
  }
  const install = findJupyter(["nbconvert"]);
  if (install === undefined) {
    console.error(INSTALL_JUPYTER_HELP);
    return 1;
  }
  const kernel = await ensureTslabKernel(install);
  console.log(kernel === "registered" ? "Registered the tslab kernel (node_modules/.bin/tslab) in node_modules/.cache/lossbook-jupyter, for this checkout only." : "tslab kernel: registered for this checkout.");
  const notebooks = listNotebooks(dir).filter((path) => filters.length === 0 || filters.some((f) => basename(path).includes(f)));
  if (notebooks.length === 0) {
    console.error(filters.length === 0 ? `No notebooks in ${dir ?? "notebooks/"}.` : `No notebook matches ${filters.join(", ")}.`);
    return 1;
  }
  console.log(`Executing ${notebooks.length} notebook(s) with ${jobs} at a time (jupyter: ${install.jupyter})`);
  const started = performance.now();
  let failures = 0;
  await mapWithLimit(notebooks, jobs, async (path) => {
    const name = basename(path);
    try {
      const { seconds } = await executeNotebook(install, path);
      const problems = executionProblems(JSON.parse(readFileSync(path, "utf8")) as Notebook);
      if (problems.length > 0) {
        failures++;
        console.log(`✗ ${name}  ${seconds.toFixed(1)} s, but:\n  ${problems.join("\n  ")}`);
      } else {
        console.log(`✓ ${name}  ${seconds.toFixed(1)} s`);
      }
    } catch (error) {
      failures++;
      console.log(`✗ ${name} failed:\n${(error as Error).message}`);
    }
  });
  const executed = notebooks.filter((path) => executionProblems(JSON.parse(readFileSync(path, "utf8")) as Notebook).length === 0);
  const { images, seconds } = await addPlotImages(install, executed);
  console.log(`Drew ${images} plot image(s) in ${seconds.toFixed(1)} s (plotly.js in headless Chromium).`);
  console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s for ${notebooks.length} notebook(s)${failures > 0 ? `, ${failures} failed` : ""}.`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
