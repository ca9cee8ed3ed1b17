import type { FlatRecord } from '../mapping/form-mapping';
import { fetchWithRetry, type HttpOptions, type PulledSubmission, readFile, readJson, type SourcePage, SourceError, type SubmissionSourceClient, trimSlash } from './submission-source';

interface ODataPage {
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

/**
 * ODK Central: a session token from `POST /v1/sessions` (e-mail and password), then the OData feed
 * `/v1/projects/{id}/forms/{xmlFormId}.svc/Submissions` with `$top`/`$skip`/`$count` and a `$filter` on
 * `__system/submissionDate` (and `__system/updatedAt`, for edits). The member repeat group comes from
 * its own table `Submissions.<group path with dots>`, joined on `__Submissions-id` = `__id`; its rows
 * are filtered with `$root/Submissions/__system/...` and read once per pull run.
 */
export class OdkCentralClient implements SubmissionSourceClient {
  private token: string | null = null;
  private repeats: Map<string, Record<string, unknown>[]> | null = null;

  constructor(
    private readonly serverUrl: string,
    private readonly projectId: string,
    private readonly xmlFormId: string,
    private readonly email: string,
    private readonly password: string,
    private readonly repeatPaths: string[],
    private readonly http: HttpOptions,
    private readonly maxAttachmentBytes: number,
  ) {}

  private get base() {
    return `${trimSlash(this.serverUrl)}/v1/projects/${encodeURIComponent(this.projectId)}/forms/${encodeURIComponent(this.xmlFormId)}`;
  }

  private async login(): Promise<string> {
    const url = `${trimSlash(this.serverUrl)}/v1/sessions`;
    const response = await fetchWithRetry(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: this.email, password: this.password }) }, this.http);
    const body = await readJson<{ token: string }>(response, url);
    this.token = body.token;
    return body.token;
  }

  /** GET with the session token; one new session when the token expired (401). */
  private async get(url: string): Promise<Response> {
    const token = this.token ?? (await this.login());
    let response = await fetchWithRetry(url, { headers: { Authorization: `Bearer ${token}` } }, this.http);
    if (response.status === 401) {
      await response.body?.cancel();
      response = await fetchWithRetry(url, { headers: { Authorization: `Bearer ${await this.login()}` } }, this.http);
    }
    return response;
  }

  private filter(since: string | null, root: boolean): string | null {
    if (!since) return null;
    const prefix = root ? '$root/Submissions/' : '';
    return `${prefix}__system/submissionDate ge ${since} or ${prefix}__system/updatedAt ge ${since}`;
  }

  async page(since: string | null, offset: number, limit: number): Promise<SourcePage> {
    const params = new URLSearchParams({ $top: String(limit), $skip: String(offset), $count: 'true' });
    const filter = this.filter(since, false);
    if (filter) params.set('$filter', filter);
    const url = `${this.base}.svc/Submissions?${params}`;
    const body = await readJson<ODataPage>(await this.get(url), url);
    const repeats = await this.repeatRows(since);
    const rows = body.value.map((raw) => this.row(raw, repeats));
    for (const row of rows) {
      if (Number(((row.raw['__system'] ?? {}) as Record<string, unknown>)['attachmentsPresent'] ?? 0) === 0) continue;
      // the attachments this version has (GET .../submissions/{instanceId}/attachments: [{ name, exists }])
      const listUrl = `${this.base}/submissions/${encodeURIComponent(row.rootId!)}/attachments`;
      const listed = await readJson<{ name: string; exists: boolean }[]>(await this.get(listUrl), listUrl);
      row.attachments = listed.filter((a) => a.exists).map((a) => ({ name: a.name, url: `${listUrl}/${encodeURIComponent(a.name)}` }));
    }
    return { rows, total: body['@odata.count'] ?? null, next: rows.length === limit ? offset + rows.length : null };
  }

  async download(url: string): Promise<{ content: Buffer; contentType: string }> {
    return readFile(await this.get(url), url, this.maxAttachmentBytes);
  }

  /** Every row of each repeat table for the run's filter, by parent submission id. */
  private async repeatRows(since: string | null): Promise<Map<string, Record<string, unknown>[]>> {
    if (this.repeats) return this.repeats;
    const byParent = new Map<string, Record<string, unknown>[]>();
    for (const path of this.repeatPaths) {
      const table = `Submissions.${path.split('/').join('.')}`;
      for (let skip = 0; ; ) {
        const params = new URLSearchParams({ $top: '5000', $skip: String(skip) });
        const filter = this.filter(since, true);
        if (filter) params.set('$filter', filter);
        const url = `${this.base}.svc/${table}?${params}`;
        const body = await readJson<ODataPage>(await this.get(url), url);
        for (const row of body.value) {
          const parent = String(row['__Submissions-id']);
          const key = `${parent}\u0000${path}`;
          byParent.set(key, [...(byParent.get(key) ?? []), row]);
        }
        if (body.value.length < 5000) break;
        skip += body.value.length;
      }
    }
    this.repeats = byParent;
    return byParent;
  }

  private row(raw: Record<string, unknown>, repeats: Map<string, Record<string, unknown>[]>): PulledSubmission {
    const system = (raw['__system'] ?? {}) as Record<string, unknown>;
    const meta = (raw['meta'] ?? {}) as Record<string, unknown>;
    const id = String(raw['__id']);
    const flat: FlatRecord = {};
    flatten(raw, '', flat);
    for (const path of this.repeatPaths) {
      flat[path] = (repeats.get(`${id}\u0000${path}`) ?? []).map((item) => {
        const out: FlatRecord = {};
        flatten(item, `${path}/`, out);
        return out;
      });
    }
    const submittedAt = typeof system['submissionDate'] === 'string' ? (system['submissionDate'] as string) : null;
    const updatedAt = typeof system['updatedAt'] === 'string' ? (system['updatedAt'] as string) : null;
    const instanceId = String(meta['instanceID'] ?? id);
    if (!id) throw new SourceError('submission without __id', null);
    return {
      instanceId,
      deprecatedId: typeof meta['deprecatedID'] === 'string' ? (meta['deprecatedID'] as string) : null,
      rootId: id,
      sourceId: id,
      submittedAt,
      changedAt: [submittedAt, updatedAt].filter(Boolean).sort().pop() ?? new Date(0).toISOString(),
      raw,
      flat,
      attachments: [],
    };
  }
}

/** Nested OData objects to `group/field` paths; navigation links and OData annotations are dropped. */
function flatten(node: Record<string, unknown>, prefix: string, out: FlatRecord): void {
  for (const [key, value] of Object.entries(node)) {
    if (key.includes('@odata') || key === '__system' || key === '__Submissions-id') continue;
    if (value && typeof value === 'object' && !Array.isArray(value) && !('type' in value && 'coordinates' in value)) flatten(value as Record<string, unknown>, `${prefix}${key}/`, out);
    else out[`${prefix}${key}`] = value;
  }
}
