import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFormStore, type FakeSubmission } from './fake-form-store';

/**
 * An ODK Central server on 127.0.0.1, written from the public API documentation: `POST /v1/sessions`
 * (e-mail, password → bearer token), the OData feed `/v1/projects/{id}/forms/{xmlFormId}.svc/Submissions`
 * with `$top`, `$skip`, `$count` and `$filter` on `__system/submissionDate` / `__system/updatedAt`, the repeat
 * tables `Submissions.<group>` (rows with `__id` and `__Submissions-id`, filtered with `$root/Submissions/...`),
 * `__system/edits` and `meta/deprecatedID` on edits, and attachments under `/submissions/{instanceId}/attachments`.
 */
export class FakeOdkServer {
  readonly store = new FakeFormStore();
  private server: Server | null = null;
  private readonly tokens = new Set<string>();
  url = '';
  logins = 0;

  constructor(
    readonly projectId = '7',
    readonly xmlFormId = 'household_survey',
    readonly email = 'collector@example.org',
    readonly password = 'odk-password-2026',
  ) {
    this.store.idStyle = 'instance';
  }

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

  /** Ends every session (a token expiring): the next request answers 401. */
  expireSessions(): void {
    this.tokens.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname === '/v1/sessions' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as { email?: string; password?: string };
      if (body.email !== this.email || body.password !== this.password) return send(res, 401, { code: 401.2, message: 'Could not authenticate with the provided credentials.' });
      const token = randomBytes(24).toString('base64url');
      this.tokens.add(token);
      this.logins++;
      return send(res, 200, { token, createdAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    }
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !this.tokens.has(token)) return send(res, 401, { code: 401.2, message: 'Could not authenticate with the provided credentials.' });
    const base = `/v1/projects/${this.projectId}/forms/${this.xmlFormId}`;
    if (!url.pathname.startsWith(base)) return send(res, 404, { code: 404.1, message: 'Could not find the resource you were looking for.' });
    const rest = decodeURIComponent(url.pathname.slice(base.length));
    const table = rest.match(/^\.svc\/(Submissions(?:\.[\w.]+)?)$/);
    if (table && req.method === 'GET') {
      const top = Math.max(1, Number(url.searchParams.get('$top') ?? 1000) || 1000);
      const skip = Number(url.searchParams.get('$skip') ?? 0) || 0;
      if (table[1] === 'Submissions' && (await this.store.failOrWait(skip))) return send(res, 500, { code: 500.1, message: 'Internal Server Error' });
      const since = sinceOf(url.searchParams.get('$filter'));
      const matching = this.store.since(since);
      const rows = table[1] === 'Submissions' ? matching.map((s) => this.top(s)) : matching.flatMap((s) => this.repeatRows(s, table[1].split('.').slice(1)));
      const page = rows.slice(skip, skip + top);
      const body: Record<string, unknown> = { '@odata.context': `${this.url}${base}.svc/$metadata#${table[1]}`, value: page };
      if (url.searchParams.get('$count') === 'true') body['@odata.count'] = rows.length;
      if (skip + top < rows.length) body['@odata.nextLink'] = `${this.url}${base}.svc/${table[1]}?%24top=${top}&%24skip=${skip + top}`;
      return send(res, 200, body);
    }
    const list = rest.match(/^\/submissions\/([^/]+)\/attachments$/);
    const file = rest.match(/^\/submissions\/([^/]+)\/attachments\/([^/]+)$/);
    const submission = (list ?? file) && this.store.submissions.find((s) => s.id === (list ?? file)![1]);
    if (list && submission) return send(res, 200, submission.attachments.map((a) => ({ name: a.name, exists: true })));
    if (file && submission) {
      const attachment = submission.attachments.find((a) => a.name === file[2]);
      if (!attachment) return send(res, 404, { code: 404.1, message: 'Could not find the resource you were looking for.' });
      res.writeHead(200, { 'Content-Type': attachment.contentType, 'Content-Length': attachment.content.length });
      return void res.end(attachment.content);
    }
    send(res, 404, { code: 404.1, message: 'Could not find the resource you were looking for.' });
  }

  /** A top-level row: nested groups, repeat groups replaced by their navigation link. */
  private top(s: FakeSubmission): Record<string, unknown> {
    const strip = (node: Record<string, unknown>, path: string[]): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (Array.isArray(value)) out[`${key}@odata.navigationLink`] = `Submissions('${s.id}')/${[...path, key].join('/')}`;
        else if (value && typeof value === 'object') out[key] = strip(value as Record<string, unknown>, [...path, key]);
        else out[key] = value;
      }
      return out;
    };
    return {
      __id: s.id,
      ...strip(s.fields, []),
      meta: { instanceID: s.instanceId, ...(s.deprecatedId ? { deprecatedID: s.deprecatedId } : {}) },
      __system: {
        submissionDate: s.submittedAt,
        updatedAt: s.editedAt,
        submitterId: '5',
        submitterName: 'Collector',
        attachmentsPresent: s.attachments.length,
        attachmentsExpected: s.attachments.length,
        status: null,
        reviewState: s.edits ? 'edited' : null,
        deviceId: null,
        edits: s.edits,
        formVersion: '2026010501',
      },
    };
  }

  /** Rows of the repeat table at `path` (e.g. hh.members) for one submission. */
  private repeatRows(s: FakeSubmission, path: string[]): Record<string, unknown>[] {
    let node: unknown = s.fields;
    for (const part of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (!Array.isArray(node)) return [];
    return node.map((item, index) => ({ ...(item as Record<string, unknown>), __id: `${s.id.replace(/^uuid:/, '').slice(0, 8)}${index}`, '__Submissions-id': s.id }));
  }
}

/** The lowest bound of `... ge <date>` terms in a $filter (what the fake supports). */
function sinceOf(filter: string | null): string | null {
  if (!filter) return null;
  const bounds = [...filter.matchAll(/__system\/(?:submissionDate|updatedAt) ge (\S+)/g)].map((m) => m[1]);
  return bounds.length ? bounds.sort()[0] : null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
