import { CombinedGraphQLErrors } from '@apollo/client/errors';

export interface ApprovalPending {
  readonly pendingOperationId: string;
  /** The server's message, in the interface language. */
  readonly message: string;
}

/**
 * When a change was held for approval (maker-checker), the API answers with an APPROVAL_PENDING
 * error: not a failure, the change waits for a checker. Returns what to tell the person, or null
 * for any other outcome.
 */
export function approvalPending(error: unknown): ApprovalPending | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const pending = error.errors.find((e) => e.extensions?.['code'] === 'APPROVAL_PENDING');
  if (!pending) return null;
  const id = pending.extensions?.['pendingOperationId'];
  return { pendingOperationId: typeof id === 'string' ? id : '', message: pending.message };
}
