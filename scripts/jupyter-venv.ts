/**
 * `npm run jupyter:install`: creates a Python virtual environment with
 * JupyterLab 4, Notebook 7 and plotly (whose wheel carries JupyterLab's plotly
 * renderer) in node_modules/.cache/lossbook-venv, for `npm run jupyter` and the
 * front-end tests. pip uses the indexes pip is configured with (on a machine
 * with local wheel indexes, `pip config get global.extra-index-url`, only
 * those, so that pip never waits on an unreachable public index).
 */
import { existsSync } from "node:fs";
import { JUPYTER_VENV_PACKAGES, jupyterVenvDir, run } from "./notebook-runner";
import { join } from "node:path";

/** The index options for pip: the configured extra indexes as the only ones, when there are any. */
async function indexOptions(): Promise<string[]> {
  let configured = "";
  try {
    configured = (await run("python3", ["-m", "pip", "config", "get", "global.extra-index-url"])).stdout.trim();
  } catch {
    return []; // nothing configured: pip's own default index
  }
  const urls = configured.split(/\s+/).filter((url) => url !== "");
  if (urls.length === 0) return [];
  return ["--index-url", urls[0], ...urls.slice(1).flatMap((url) => ["--extra-index-url", url])];
}

async function main(): Promise<number> {
  const started = performance.now();
  const pip = join(jupyterVenvDir, "bin", "pip");
  if (!existsSync(pip)) {
    console.log(`Creating the virtual environment ${jupyterVenvDir}`);
    await run("python3", ["-m", "venv", jupyterVenvDir]);
  }
  const options = await indexOptions();
  console.log(`Installing ${JUPYTER_VENV_PACKAGES.join(" ")}${options.length > 0 ? ` from ${options.filter((o) => !o.startsWith("--")).join(", ")}` : ""}`);
  await run(pip, ["install", "--quiet", "--disable-pip-version-check", ...options, ...JUPYTER_VENV_PACKAGES], { timeoutMs: 20 * 60_000 });
  const { stdout } = await run(join(jupyterVenvDir, "bin", "jupyter"), ["--version"]);
  console.log(stdout.split("\n").filter((line) => /jupyterlab|notebook|jupyter_server/.test(line)).join("\n"));
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
