/**
 * `npm run serve` (and the second half of `npm start`): serves the built
 * site on 127.0.0.1. Options: --port N (or PORT; default 8080), --host H,
 * --base /sub/path/ (serve under a sub-path), --dir DIR (default site/).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_OUT_DIR } from "./site/build";
import { startSiteServer } from "./site/server";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index !== -1) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const dir = resolve(argument("--dir") ?? DEFAULT_OUT_DIR);
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`No built site in ${dir}: run \`npm run build:site\` first (or \`npm start\`, which builds and serves).`);
    process.exitCode = 1;
    return;
  }
  const portText = argument("--port") ?? process.env.PORT ?? "8080";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port / PORT must be a port number (0–65535), got ${JSON.stringify(portText)}`);
    process.exitCode = 1;
    return;
  }
  const host = argument("--host") ?? "127.0.0.1";
  try {
    const running = await startSiteServer({ dir, port, host, basePath: argument("--base") ?? "/" });
    console.log(`Serving the lossbook site from ${dir}`);
    console.log(`  ${running.url}`);
    console.log("Press Ctrl+C to stop.");
    const stop = () => {
      void running.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") console.error(`Port ${port} on ${host} is in use: choose another with --port N or PORT=N (0 picks a free one).`);
    else console.error(error);
    process.exitCode = 1;
  }
}

void main();
