/**
 * Serves a built site with sirv (static files, ETags, precompressed .br/.gz
 * copies), optionally mounted under a sub-path such as /lossbook/, with the
 * site's 404 page for anything missing. Used by `npm start`, the browser
 * tests and the benchmark.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import sirv from "sirv";
import { CSP_FILE, WORKER_CSP } from "./workbook";

export interface SiteServerOptions {
  /** The built site folder. */
  dir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Mount point, "/" (default) or e.g. "/lossbook/". */
  basePath?: string;
  /** Which precompressed copies to serve: both (default), gzip only (the benchmark), or none. */
  compression?: "brotli-and-gzip" | "gzip" | "none";
}

export interface RunningSiteServer {
  server: Server;
  /** The site's root URL, ending in "/". */
  url: string;
  port: number;
  close(): Promise<void>;
}

function normaliseBase(basePath: string): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** A request handler for the site under `basePath`. */
export function createSiteHandler(options: SiteServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const base = normaliseBase(options.basePath ?? "/");
  const compression = options.compression ?? "brotli-and-gzip";
  // The 404 page may be served at any depth; a <base> pointing at the site's
  // root (at zh/ for a missing Chinese page, which gets the Chinese 404 page)
  // makes its relative links work wherever it is shown.
  const notFound = (request: IncomingMessage, response: ServerResponse) => {
    response.statusCode = 404;
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    const folder = /^\/zh\//.test(request.url ?? "") && existsSync(join(options.dir, "zh", "404.html")) ? "zh/" : "";
    const notFoundPage = join(options.dir, folder, "404.html");
    const page = existsSync(notFoundPage) ? readFileSync(notFoundPage, "utf8") : "<!doctype html><title>Not found</title><p>Not found</p>";
    response.end(page.replace(/<head>/i, `<head>\n<base href="${base}${folder}">`));
  };
  // The pages' Content-Security-Policy, written by the build; the workbook's worker gets its own, without network.
  const policyFile = join(options.dir, CSP_FILE);
  const pagePolicy = existsSync(policyFile) ? readFileSync(policyFile, "utf8").trim() : undefined;
  const files = sirv(options.dir, {
    dev: false,
    etag: true,
    extensions: ["html"],
    gzip: compression !== "none",
    brotli: compression === "brotli-and-gzip",
    onNoMatch: notFound,
    setHeaders: (response, pathname) => {
      // Asset URLs carry a content hash (?v=…); pages must be revalidated.
      response.setHeader("Cache-Control", pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      if (pathname.endsWith(".ipynb")) response.setHeader("Content-Type", "application/x-ipynb+json");
      if (pathname.endsWith("/workbook/worker.js")) response.setHeader("Content-Security-Policy", WORKER_CSP);
      else if (pagePolicy) response.setHeader("Content-Security-Policy", `${pagePolicy}; frame-ancestors 'self'`);
    },
  });
  return (request, response) => {
    const url = request.url ?? "/";
    if (base !== "/") {
      if (url === base.slice(0, -1) || url.startsWith(`${base.slice(0, -1)}?`)) {
        response.statusCode = 301;
        response.setHeader("Location", base + url.slice(base.length - 1));
        response.end();
        return;
      }
      if (!url.startsWith(base)) return notFound(request, response);
      request.url = url.slice(base.length - 1);
    }
    files(request, response, () => notFound(request, response));
  };
}

/** Starts the server and resolves once it listens. */
export function startSiteServer(options: SiteServerOptions): Promise<RunningSiteServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer(createSiteHandler(options));
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolvePromise({
        server,
        port,
        url: `http://${shownHost}:${port}${normaliseBase(options.basePath ?? "/")}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
