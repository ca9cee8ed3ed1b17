import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Files the Angular build names after their content (`main-ABCD1234.js`, `chunk-aB_c-D12.js` from the
 * chunk optimizer, `media/font-ABCD1234.woff2`); files copied from `public/` keep their names.
 */
const HASHED = /^\/((main|chunk|polyfills|styles|worker)-[\w-]{8}\.(js|css)|media\/.+-[\w-]{8}\.[a-z0-9]+)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Anything else (index.html, favicon...) is revalidated on each use: a new release shows at once. */
const REVALIDATE = 'no-cache';

type Encoding = 'br' | 'gzip';
const ENCODINGS: readonly { encoding: Encoding; suffix: string }[] = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
];

interface WebFile {
  readonly path: string;
  readonly cacheControl: string;
  /** Precompressed copies written at build time (tools/scripts/compress-web.mjs). */
  readonly encoded: Partial<Record<Encoding, string>>;
}

/** Paths the API answers itself; the web app never shadows them. */
const API_PREFIXES = ['/graphql', '/health', '/api/'];

/**
 * Serves the built web app: each file in the encoding the browser prefers among its precompressed
 * copies (brotli, then gzip, else as built), hashed files cached for a year as immutable, everything
 * else revalidated; and index.html for the application's own paths (the SPA fallback). The file list
 * is read once at start-up: a release replaces the whole folder and restarts the process.
 */
export function webAppMiddleware(dir: string): RequestHandler | null {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) return null;
  const files = scan(dir);
  const index = files.get('/index.html') as WebFile;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (API_PREFIXES.some((prefix) => req.path.startsWith(prefix))) return next();
    const file = files.get(safeDecode(req.path));
    if (file && file !== index) return send(req, res, next, file);
    // a page of the application (a navigation asks for HTML); a missing chunk (a stale tab after a
    // release) gets a 404 instead of the page, which would fail to run as a script
    if (file || /\btext\/html\b/.test(req.headers.accept ?? '')) return send(req, res, next, index);
    next();
  };
}

function send(req: Request, res: Response, next: NextFunction, file: WebFile): void {
  const encoding = preferredEncoding(req.headers['accept-encoding'], file.encoded);
  res.setHeader('Cache-Control', file.cacheControl);
  if (Object.keys(file.encoded).length > 0) res.setHeader('Vary', 'Accept-Encoding');
  // the type of the original, not of its .br/.gz copy (send keeps a Content-Type already set)
  res.type(extname(file.path));
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.sendFile(encoding ? (file.encoded[encoding] as string) : file.path, {
    dotfiles: 'deny',
    // ranges of a compressed copy would mislead a client that asked for the plain bytes
    acceptRanges: !encoding,
    cacheControl: false,
  }, (error?: Error) => {
    if (error && !res.headersSent) {
      res.removeHeader('Content-Encoding');
      next(error);
    }
  });
}

/**
 * The browser's preferred available encoding: brotli over gzip at equal weight, nothing when the
 * header refuses both (q=0) or is absent.
 */
export function preferredEncoding(header: string | string[] | undefined, available: Partial<Record<Encoding, string>>): Encoding | null {
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const { encoding } of ENCODINGS) {
    if (!available[encoding]) continue;
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

function scan(dir: string): Map<string, WebFile> {
  const all = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !entry.name.startsWith('.')) all.add(path);
    }
  };
  walk(dir);
  const files = new Map<string, WebFile>();
  for (const path of all) {
    if (ENCODINGS.some(({ suffix }) => path.endsWith(suffix) && all.has(path.slice(0, -suffix.length)))) continue;
    const encoded: Partial<Record<Encoding, string>> = {};
    for (const { encoding, suffix } of ENCODINGS) if (all.has(path + suffix)) encoded[encoding] = path + suffix;
    const url = '/' + relative(dir, path).split(sep).join('/');
    files.set(url, { path, cacheControl: HASHED.test(url) ? IMMUTABLE : REVALIDATE, encoded });
  }
  return files;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
