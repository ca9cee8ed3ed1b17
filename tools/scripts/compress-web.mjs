#!/usr/bin/env node
// Post-build step of the web app: writes a brotli (`.br`) and a gzip (`.gz`) copy next to every
// compressible file of dist/apps/web/browser, at the highest levels, once. The API (and nginx's
// gzip_static) send them to browsers that accept them, so no response is compressed per request.
// Usage: node tools/scripts/compress-web.mjs [dir]
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = resolve(process.argv[2] ?? join(root, 'dist/apps/web/browser'));
/** Text formats; images and fonts (woff2, png) are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.ico', '.webmanifest', '.xml']);
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* walk(folder) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const started = Date.now();
const files = [];
for await (const path of walk(dir)) {
  // copies left by an earlier run are rewritten (or dropped when no longer smaller)
  if (path.endsWith('.br') || path.endsWith('.gz')) await rm(path);
  else if (COMPRESSIBLE.has(extname(path).toLowerCase())) files.push(path);
}

let original = 0;
let brotliTotal = 0;
let gzipTotal = 0;
async function compress(path) {
  const content = await readFile(path);
  const [br, gzipped] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gz(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  original += content.length;
  // a copy that saves nothing is not worth a second file (tiny chunks)
  if (br.length < content.length) await writeFile(`${path}.br`, br);
  if (gzipped.length < content.length) await writeFile(`${path}.gz`, gzipped);
  brotliTotal += Math.min(br.length, content.length);
  gzipTotal += Math.min(gzipped.length, content.length);
}

// a few at a time: brotli at quality 11 is CPU-bound
const queue = [...files];
await Promise.all(Array.from({ length: 2 }, async () => {
  for (let path = queue.shift(); path; path = queue.shift()) await compress(path);
}));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `compressed ${files.length} files of ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
    `${kb(original)} -> brotli ${kb(brotliTotal)}, gzip ${kb(gzipTotal)}`,
);
