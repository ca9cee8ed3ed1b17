import { Injector, InjectionToken, Provider } from '@angular/core';

/**
 * Names the records an approval request refers to by id (a parent area, a level…), so that checkers
 * read "Northern Province" rather than a UUID. Each feature library contributes one for its
 * operations; it is loaded only when an approval request is shown.
 */
export interface ApprovalDetailsResolver {
  /** Operations it knows, by code prefix, e.g. `geo.`. */
  readonly operationPrefix: string;
  /** Payload fields holding ids it can name, e.g. `parentId`. */
  readonly fields: readonly string[];
  /** Names by id; ids it cannot name (deleted, out of the person's areas) are left out. */
  resolve(field: string, ids: readonly string[], injector: Injector): Promise<ReadonlyMap<string, string>>;
}

export type ApprovalDetailsSource = () => Promise<ApprovalDetailsResolver>;

export const APPROVAL_DETAILS_RESOLVERS = new InjectionToken<readonly ApprovalDetailsSource[]>('APPROVAL_DETAILS_RESOLVERS');

/** Registers resolvers directly; a module declares its own in its web definition (`approvalDetails`). */
export function provideApprovalDetails(...sources: ApprovalDetailsSource[]): Provider[] {
  return sources.map((source) => ({ provide: APPROVAL_DETAILS_RESOLVERS, useValue: source, multi: true }));
}
