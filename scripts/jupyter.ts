/**
 * `npm run jupyter [-- extra options]`: registers the tslab kernel from this
 * project's node_modules (in this checkout's own Jupyter folder, first on
 * JUPYTER_PATH; a system-wide or per-user kernel is never touched), trusts the
 * notebooks, and opens notebooks/ bound to 127.0.0.1 in JupyterLab 4 when it is
 * installed (`npm run jupyter:install` puts it in node_modules/.cache/lossbook-venv),
 * otherwise in classic Notebook. Extra options go to Jupyter (e.g. `--no-browser`, `--port=8890`).
 */
import { spawn } from "node:child_process";
import { INSTALL_JUPYTER_HELP, ensureTslabKernel, findJupyter, findJupyterLab, listNotebooks, notebooksDir, trustNotebooks } from "./notebook-runner";

async function main(): Promise<number> {
  const lab = findJupyterLab(["lab"]);
  const install = lab ?? findJupyter(["notebook"]);
  if (install === undefined) {
    console.error(`${INSTALL_JUPYTER_HELP}\nFor JupyterLab 4 and Notebook 7 (preferred): npm run jupyter:install`);
    return 1;
  }
  const kernel = await ensureTslabKernel(install);
  if (kernel === "registered") console.log("Registered the tslab kernel (node_modules/.bin/tslab) in node_modules/.cache/lossbook-jupyter, for this checkout only.");
  await trustNotebooks(install, listNotebooks());
  const root = lab === undefined ? `--notebook-dir=${notebooksDir}` : `--ServerApp.root_dir=${notebooksDir}`;
  const args = [lab === undefined ? "notebook" : "lab", "--ip=127.0.0.1", root, ...(process.getuid?.() === 0 ? ["--allow-root"] : []), ...process.argv.slice(2)];
  if (lab === undefined) console.log("JupyterLab is not installed (npm run jupyter:install installs JupyterLab 4 and Notebook 7); opening classic Notebook.");
  console.log(`Starting: ${install.jupyter} ${args.join(" ")}  (JUPYTER_PATH=${process.env.JUPYTER_PATH})`);
  const child = spawn(install.jupyter, args, { stdio: "inherit" });
  // Ctrl-C reaches Jupyter through the terminal; wait for it to finish shutting down.
  process.on("SIGINT", () => undefined);
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 0)));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
