/**
 * Precompressed copies of the text files (`x.gz`, `x.br` beside `x`), which
 * sirv serves when the browser accepts them: the server does no work per
 * request and the bytes on the wire are the smallest. Runs on the libuv
 * thread pool so the files compress in parallel.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const COMPRESSIBLE = /\.(html|css|js|json|svg|ipynb|txt|map)$/;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export interface CompressionSummary {
  files: number;
  bytes: number;
  gzipBytes: number;
}

/** Writes `.gz` (level 9) and `.br` copies of the compressible files in `dir`. */
export async function precompress(dir: string): Promise<CompressionSummary> {
  const files = listFiles(dir).filter((file) => COMPRESSIBLE.test(file));
  const summary: CompressionSummary = { files: files.length, bytes: 0, gzipBytes: 0 };
  await Promise.all(
    files.map(async (file) => {
      const contents = readFileSync(file);
      // Brotli for what pages load (best quality for pages, a faster one for
      // the large plotly.js); downloads (.ipynb) get gzip only.
      const [gzipped, brotli] = await Promise.all([
        gzipAsync(contents, { level: 9 }),
        file.endsWith(".ipynb")
          ? undefined
          : brotliAsync(contents, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: contents.length > 200_000 ? 6 : 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: contents.length,
              },
            }),
      ]);
      writeFileSync(`${file}.gz`, gzipped);
      if (brotli) writeFileSync(`${file}.br`, brotli);
      summary.bytes += contents.length;
      summary.gzipBytes += gzipped.length;
    }),
  );
  return summary;
}
