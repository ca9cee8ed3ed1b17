import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { preferredEncoding, webAppMiddleware } from './web-app.middleware';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('webAppMiddleware', () => {
  const script = 'console.log("hello from a chunk");'.repeat(50);
  const html = '<!doctype html><title>CoreMIS</title>' + '<p>page</p>'.repeat(50);
  let dir: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coremis-web-'));
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(html));
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(html));
    writeFileSync(join(dir, 'chunk-AB12CD34.js'), script);
    writeFileSync(join(dir, 'chunk-AB12CD34.js.br'), brotliCompressSync(script));
    writeFileSync(join(dir, 'chunk-AB12CD34.js.gz'), gzipSync(script));
    writeFileSync(join(dir, 'styles-ZZ99YY88.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'media', 'icons-QW12ER34.woff2'), Buffer.from([1, 2, 3]));
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, 'chunk-B-7bK_q2.js'), 'export {};');
    writeFileSync(join(dir, 'logo-20260101.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '.secret'), 'no');
    const middleware = webAppMiddleware(dir);
    if (!middleware) throw new Error('no middleware');
    const app = express();
    app.use(middleware);
    app.post('/graphql', (_req, res) => res.json({ api: true }));
    app.get('/health/live', (_req, res) => res.json({ api: true }));
    app.use((_req: express.Request, res: express.Response) => res.status(404).send('not found'));
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli copy of a hashed chunk to a browser that accepts it, cached for a year', async () => {
    const reply = await get(port, '/chunk-AB12CD34.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.headers['vary']).toBe('Accept-Encoding');
    expect(reply.headers['accept-ranges']).toBeUndefined();
    expect(brotliDecompressSync(reply.body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gzipped = await get(port, '/chunk-AB12CD34.js', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);

    const refusedBrotli = await get(port, '/chunk-AB12CD34.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(refusedBrotli.headers['content-encoding']).toBe('gzip');

    const plain = await get(port, '/chunk-AB12CD34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(script);
  });

  it('serves files without a compressed copy as they are, hashed ones immutable, others revalidated', async () => {
    const css = await get(port, '/styles-ZZ99YY88.css', { 'accept-encoding': 'br' });
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toContain('immutable');

    const font = await get(port, '/media/icons-QW12ER34.woff2', { 'accept-encoding': 'br' });
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.headers['cache-control']).toContain('immutable');

    const optimizedChunk = await get(port, '/chunk-B-7bK_q2.js');
    expect(optimizedChunk.headers['cache-control']).toContain('immutable');

    // a file of public/ whose name only looks hashed
    expect((await get(port, '/logo-20260101.svg')).headers['cache-control']).toBe('no-cache');

    const icon = await get(port, '/favicon.svg');
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('answers the application\'s pages with index.html, never cached without revalidation', async () => {
    for (const path of ['/', '/login', '/registry/households/0190a1b2-c3d4', '/index.html']) {
      const reply = await get(port, path, { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'gzip, br' });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(reply.body).toString()).toBe(html);
    }
  });

  it('revalidates with the ETag of the copy sent', async () => {
    const first = await get(port, '/', { accept: 'text/html', 'accept-encoding': 'gzip' });
    const etag = first.headers['etag'] as string;
    expect(etag).toBeTruthy();
    const again = await get(port, '/', { accept: 'text/html', 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
    const otherEncoding = await get(port, '/', { accept: 'text/html', 'accept-encoding': 'br', 'if-none-match': etag });
    expect(otherEncoding.status).toBe(200);
  });

  it('answers HEAD like GET, without a body', async () => {
    const reply = await get(port, '/chunk-AB12CD34.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.body.length).toBe(0);
  });

  it('leaves the API, missing chunks, compressed copies and hidden files alone', async () => {
    expect((await get(port, '/health/live', { accept: 'text/html' })).body.toString()).toContain('api');
    expect((await get(port, '/graphql', { accept: 'text/html' }, 'POST')).body.toString()).toContain('api');
    // a stale tab asking for a chunk of an earlier release gets a 404, not the page as a script
    expect((await get(port, '/chunk-OLD00000.js', { accept: '*/*' })).status).toBe(404);
    expect((await get(port, '/chunk-AB12CD34.js.br', { accept: '*/*' })).status).toBe(404);
    expect((await get(port, '/.secret', { accept: '*/*' })).status).toBe(404);
    expect((await get(port, '/../../etc/passwd', { accept: '*/*' })).status).toBe(404);
    expect((await get(port, '/%2e%2e/%2e%2e/etc/passwd', { accept: '*/*' })).status).toBe(404);
  });

  it('is not installed when the web app is not built', () => {
    expect(webAppMiddleware(join(dir, 'missing'))).toBeNull();
  });
});

describe('preferredEncoding', () => {
  const both = { br: 'x.br', gzip: 'x.gz' };
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.2, br;q=0', 'gzip'],
    ['identity', null],
    ['', null],
    ['gzip;q=0, br;q=0', null],
    ['br;q=oops', null],
  ])('%j -> %s', (header, expected) => {
    expect(preferredEncoding(header, both)).toBe(expected);
  });

  it('only offers the copies that exist', () => {
    expect(preferredEncoding('br, gzip', { gzip: 'x.gz' })).toBe('gzip');
    expect(preferredEncoding('br, gzip', {})).toBeNull();
  });
});
