/**
 * `npm run jupyter [-- extra Notebook options]`: registers the tslab kernel
 * from this project's node_modules, trusts the notebooks (so their saved
 * plots render), and opens classic Jupyter Notebook on notebooks/, bound to
 * 127.0.0.1. Extra options go to `jupyter notebook` (e.g. `--no-browser`,
 * `--port=8890`).
 */
import { spawn } from "node:child_process";
import { INSTALL_JUPYTER_HELP, ensureTslabKernel, findJupyter, listNotebooks, notebooksDir, trustNotebooks } from "./notebook-runner";

async function main(): Promise<number> {
  const install = findJupyter(["notebook"]);
  if (install === undefined) {
    console.error(INSTALL_JUPYTER_HELP);
    return 1;
  }
  const kernel = await ensureTslabKernel(install);
  if (kernel === "registered") console.log("Registered the tslab kernel (node_modules/.bin/tslab) in node_modules/.cache/lossbook-jupyter, for this checkout only.");
  await trustNotebooks(install, listNotebooks());
  const args = ["notebook", "--ip=127.0.0.1", `--notebook-dir=${notebooksDir}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : []), ...process.argv.slice(2)];
  console.log(`Starting: ${install.jupyter} ${args.join(" ")}`);
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
