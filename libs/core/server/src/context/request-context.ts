import { AsyncLocalStorage } from 'node:async_hooks';
import type { Language } from '../modules/module-definition';

/** The authenticated caller, as established by the identity layer for one request. */
export interface Actor {
  userId: string;
  username: string;
  sessionId: string | null;
  /** Role codes. */
  roles: string[];
  permissions: ReadonlySet<string>;
  /**
   * Materialised paths ("/id/id/") of the admin areas the user is restricted to; `null` means no
   * geographic restriction. A record is in scope when its area path starts with one of them.
   */
  areaPaths: string[] | null;
}

export interface RequestContextData {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  lang: Language;
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/**
 * Who is acting, for the code that cannot receive it as a parameter (audit subscriber, scope filters,
 * approvals). Set for every HTTP request and for every job run on behalf of a user.
 */
export const RequestContext = {
  run<T>(data: RequestContextData, work: () => T): T {
    return storage.run(data, work);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  actor(): Actor | null {
    return storage.getStore()?.actor ?? null;
  },
  /** A context for work done by the system itself (migrations, seeders, scheduled jobs). */
  system(requestId = 'system'): RequestContextData {
    return { requestId, ip: null, userAgent: null, lang: 'en', actor: null };
  },
};
