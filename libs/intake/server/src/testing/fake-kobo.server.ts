import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFormStore, type FakeSubmission } from './fake-form-store';

/**
 * A KoBoToolbox KPI v2 server on 127.0.0.1, written from the public API documentation: `GET
 * /api/v2/assets/{uid}/data/?format=json` with `limit` (at most 30,000) and `start`, a MongoDB-style
 * `query` ($gte on `_submission_time` / `_last_edited`, `$or`), `sort`, `Authorization: Token ...`,
 * flattened `group/field` keys with repeat groups as arrays, `_attachments` with download URLs, and on
 * edits a new `meta/instanceID` with `meta/deprecatedID`.
 */
export class FakeKoboServer {
  readonly store = new FakeFormStore();
  private server: Server | null = null;
  url = '';

  constructor(
    readonly assetUid = 'aFakeAsset1234567890',
    readonly token = 'kobo-token-0123456789abcdef',
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (req.headers.authorization !== `Token ${this.token}`) return send(res, 401, { detail: 'Authentication credentials were not provided.' });
    const data = url.pathname.match(/^\/api\/v2\/assets\/([^/]+)\/data\/$/);
    if (data && req.method === 'GET') {
      if (data[1] !== this.assetUid) return send(res, 404, { detail: 'Not found.' });
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 30000);
      const start = Number(url.searchParams.get('start') ?? 0) || 0;
      if (await this.store.failOrWait(start)) return send(res, 500, { detail: 'Internal server error' });
      let since: string | null = null;
      const query = url.searchParams.get('query');
      if (query) {
        try {
          since = sinceOf(JSON.parse(query));
        } catch {
          return send(res, 400, { detail: 'Invalid query' });
        }
      }
      const all = this.store.since(since);
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? `${this.url}${url.pathname}?format=json&limit=${limit}&start=${start + limit}` : null;
      return send(res, 200, { count: all.length, next, previous: null, results: page.map((s) => this.record(s)) });
    }
    const file = url.pathname.match(/^\/api\/v2\/assets\/([^/]+)\/data\/(\d+)\/attachments\/([^/]+)\/$/);
    if (file && req.method === 'GET') {
      const submission = this.store.submissions.find((s) => s.id === file[2]);
      const attachment = submission?.attachments.find((a) => a.name === decodeURIComponent(file[3]));
      if (!attachment) return send(res, 404, { detail: 'Not found.' });
      res.writeHead(200, { 'Content-Type': attachment.contentType, 'Content-Length': attachment.content.length });
      return void res.end(attachment.content);
    }
    send(res, 404, { detail: 'Not found.' });
  }

  private record(s: FakeSubmission): Record<string, unknown> {
    const flat: Record<string, unknown> = {};
    flattenKobo(s.fields, '', flat);
    return {
      _id: Number(s.id),
      _uuid: s.instanceId.replace(/^uuid:/, ''),
      'formhub/uuid': 'f0a1b2c3',
      ...flat,
      'meta/instanceID': s.instanceId,
      ...(s.deprecatedId ? { 'meta/deprecatedID': s.deprecatedId } : {}),
      _submission_time: s.submittedAt.slice(0, 19),
      ...(s.editedAt ? { _last_edited: s.editedAt.slice(0, 19) } : {}),
      _status: 'submitted_via_web',
      _attachments: s.attachments.map((a, i) => ({
        download_url: `${this.url}/api/v2/assets/${this.assetUid}/data/${s.id}/attachments/${encodeURIComponent(a.name)}/`,
        filename: `fake/attachments/${s.instanceId.slice(5)}/${a.name}`,
        mimetype: a.contentType,
        media_file_basename: a.name,
        uid: `att${s.id}x${i}`,
      })),
    };
  }
}

/** KoBo keys: full group paths; repeat items keep full paths inside. */
function flattenKobo(node: Record<string, unknown>, prefix: string, out: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(node)) {
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) {
      out[path] = value.map((item) => {
        const row: Record<string, unknown> = {};
        flattenKobo(item as Record<string, unknown>, `${path}/`, row);
        return row;
      });
    } else if (value && typeof value === 'object') flattenKobo(value as Record<string, unknown>, `${path}/`, out);
    else out[path] = value;
  }
}

/** The lowest `$gte` on _submission_time / _last_edited in a query (what the fake supports). */
function sinceOf(query: Record<string, unknown>): string | null {
  const bounds: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if ((key === '_submission_time' || key === '_last_edited') && value && typeof value === 'object' && '$gte' in value) bounds.push(String((value as { $gte: string }).$gte));
      else if (key === '$or' && Array.isArray(value)) value.forEach(visit);
    }
  };
  visit(query);
  if (!bounds.length) return null;
  return bounds.sort()[0].slice(0, 19);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
