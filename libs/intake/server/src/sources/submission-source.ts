import type { FlatRecord } from '../mapping/form-mapping';
import { assertOutboundAllowed } from './outbound-policy';

/** One submission as a source returns it, with what the pull needs to stay idempotent. */
export interface PulledSubmission {
  /** The instance id of this version (meta/instanceID). */
  instanceId: string;
  /** The instance id this version replaces (meta/deprecatedID), when it is an edit. */
  deprecatedId: string | null;
  /** The first instance id of the submission when the source says it (ODK `__id`). */
  rootId: string | null;
  /** The server's own id, stable across edits (KoBo `_id`, ODK `__id`). */
  sourceId: string | null;
  submittedAt: string | null;
  /** When it was received or last edited: the watermark moves to the latest. */
  changedAt: string;
  /** As received. */
  raw: Record<string, unknown>;
  /** Flattened to `group/field` paths, repeat groups as arrays (what the mapping reads). */
  flat: FlatRecord;
  attachments: { name: string; url: string; contentType?: string | null }[];
}

export interface SourcePage {
  rows: PulledSubmission[];
  /** Submissions matching the query in all (for progress), when the source says. */
  total: number | null;
  /** Offset of the next page, or null after the last one. */
  next: number | null;
}

/** A KoBo or ODK server as the pull sees it (adapters in this folder). */
export interface SubmissionSourceClient {
  page(since: string | null, offset: number, limit: number): Promise<SourcePage>;
  download(url: string): Promise<{ content: Buffer; contentType: string }>;
}

/** A failure talking to the server: the job retries and resumes from its checkpoint. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface HttpOptions {
  timeoutMs: number;
  /** Attempts per request for 5xx answers and timeouts before the page fails. */
  attempts: number;
}

/**
 * fetch with a timeout and a few attempts on server errors; 4xx fail at once. Every attempt first checks the
 * outbound policy (OutboundRefusedError, not retried): the host's addresses are resolved again each time.
 */
export async function fetchWithRetry(url: string, init: RequestInit, options: HttpOptions): Promise<Response> {
  let last: unknown = null;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    await assertOutboundAllowed(url);
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
      if (response.status >= 500) {
        last = new SourceError(`${response.status} from ${new URL(url).host}`, response.status);
        await response.body?.cancel();
      } else {
        return response;
      }
    } catch (error) {
      last = error instanceof SourceError ? error : new SourceError(`${(error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message} from ${new URL(url).host}`, null);
    }
    if (attempt < options.attempts) await new Promise((r) => setTimeout(r, 200 * attempt));
  }
  throw last;
}

export async function readJson<T>(response: Response, url: string): Promise<T> {
  if (!response.ok) {
    await response.body?.cancel();
    throw new SourceError(`${response.status} from ${new URL(url).host}`, response.status);
  }
  return (await response.json()) as T;
}

export async function readFile(response: Response, url: string, maxBytes: number): Promise<{ content: Buffer; contentType: string }> {
  if (!response.ok) {
    await response.body?.cancel();
    throw new SourceError(`${response.status} from ${new URL(url).host}`, response.status);
  }
  const content = Buffer.from(await response.arrayBuffer());
  if (content.length > maxBytes) throw new SourceError(`attachment larger than ${maxBytes} bytes`, null);
  return { content, contentType: response.headers.get('content-type')?.split(';')[0] ?? 'application/octet-stream' };
}

export const trimSlash = (url: string) => url.replace(/\/+$/, '');
