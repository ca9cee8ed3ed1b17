import { fetchWithRetry, type HttpOptions, type PulledSubmission, readFile, readJson, type SourcePage, type SubmissionSourceClient, trimSlash } from './submission-source';

interface KoboAttachment {
  download_url: string;
  filename: string;
  mimetype?: string;
  media_file_basename?: string;
}

interface KoboPage {
  count: number;
  next: string | null;
  results: Record<string, unknown>[];
}

/**
 * KoBoToolbox (KPI v2): `GET /api/v2/assets/{uid}/data/?format=json` with `limit`/`start` paging, a
 * MongoDB-style `query` on `_submission_time` (and `_last_edited`, for edits) for incremental pulls,
 * sorted by `_id` so that offsets stay stable during a run; `Authorization: Token <api token>`.
 */
export class KoboClient implements SubmissionSourceClient {
  constructor(
    private readonly serverUrl: string,
    private readonly assetUid: string,
    private readonly token: string,
    private readonly http: HttpOptions,
    private readonly maxAttachmentBytes: number,
  ) {}

  private get headers() {
    return { Authorization: `Token ${this.token}`, Accept: 'application/json' };
  }

  async page(since: string | null, offset: number, limit: number): Promise<SourcePage> {
    const params = new URLSearchParams({ format: 'json', limit: String(limit), start: String(offset), sort: JSON.stringify({ _id: 1 }) });
    if (since) params.set('query', JSON.stringify({ $or: [{ _submission_time: { $gte: since } }, { _last_edited: { $gte: since } }] }));
    const url = `${trimSlash(this.serverUrl)}/api/v2/assets/${encodeURIComponent(this.assetUid)}/data/?${params}`;
    const body = await readJson<KoboPage>(await fetchWithRetry(url, { headers: this.headers }, this.http), url);
    const rows = (body.results ?? []).map((raw) => this.row(raw));
    return { rows, total: typeof body.count === 'number' ? body.count : null, next: body.next && rows.length ? offset + rows.length : null };
  }

  async download(url: string): Promise<{ content: Buffer; contentType: string }> {
    return readFile(await fetchWithRetry(url, { headers: { Authorization: `Token ${this.token}` } }, this.http), url, this.maxAttachmentBytes);
  }

  private row(raw: Record<string, unknown>): PulledSubmission {
    const instanceId = String(raw['meta/instanceID'] ?? (raw['_uuid'] ? `uuid:${raw['_uuid']}` : raw['_id']));
    const submittedAt = typeof raw['_submission_time'] === 'string' ? (raw['_submission_time'] as string) : null;
    const edited = typeof raw['_last_edited'] === 'string' ? (raw['_last_edited'] as string) : null;
    const attachments = ((raw['_attachments'] as KoboAttachment[] | undefined) ?? []).map((a) => ({
      name: a.media_file_basename ?? a.filename.split('/').pop()!,
      url: a.download_url,
      contentType: a.mimetype ?? null,
    }));
    return {
      instanceId,
      deprecatedId: typeof raw['meta/deprecatedID'] === 'string' ? (raw['meta/deprecatedID'] as string) : null,
      rootId: null,
      sourceId: raw['_id'] === undefined || raw['_id'] === null ? null : String(raw['_id']),
      submittedAt,
      changedAt: [submittedAt, edited].filter(Boolean).sort().pop() ?? new Date(0).toISOString(),
      raw,
      flat: raw,
      attachments,
    };
  }
}
