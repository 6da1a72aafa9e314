/**
 * Test support: a Jupyter server (classic Notebook or JupyterLab/Notebook 7)
 * started on a free port of 127.0.0.1 with a random token, in its own process
 * group, and stopped (kernels first) afterwards; and Chromium as the brief says.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { ChildProcess } from "node:child_process";
import { chromium, type Browser } from "playwright-core";
import { spawnGroup } from "../../scripts/notebook-runner";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  base: string;
  token: string;
  log(): string;
  stop(): Promise<void>;
}

/** Starts `jupyter <args…> --port=… <token option>` and waits until /api/status answers. */
export async function startJupyterServer(jupyter: string, args: string[], tokenOption: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const token = randomBytes(16).toString("hex");
  const port = await freePort();
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let server: ChildProcess;
  try {
    server = spawnGroup(jupyter, [...args, "--no-browser", "--ip=127.0.0.1", `--port=${port}`, `${tokenOption}=${token}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])]);
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
  let log = "";
  server.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/status?token=${token}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`Jupyter did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    base,
    token,
    log: () => log,
    async stop() {
      if (server.exitCode !== null || server.pid === undefined) return;
      try {
        const kernels = (await (await fetch(`${base}/api/kernels?token=${token}`)).json()) as { id: string }[];
        await Promise.all(kernels.map((k) => fetch(`${base}/api/kernels/${k.id}?token=${token}`, { method: "DELETE" })));
      } catch {
        // the server may already be gone
      }
      const exited = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 5_000))]);
      if (timedOut) process.kill(-server.pid, "SIGKILL");
    },
  };
}
