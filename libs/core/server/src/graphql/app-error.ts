export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INTERNAL_SERVER_ERROR'
  /** Rate limited; `retryAfterSeconds` in the extensions says when to try again. */
  | 'TOO_MANY_REQUESTS'
  /** Not a failure: the operation was stored for approval (maker-checker) instead of running. */
  | 'APPROVAL_PENDING';

export interface FieldError {
  field: string;
  key: string;
  args?: Record<string, unknown>;
}

/**
 * An error meant for the user. It carries a translation key, never a sentence: the GraphQL layer
 * translates it into the language of the request.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly args: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    /** Extra data for the client, sent as they are in the error's extensions (e.g. `pendingOperationId`). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(messageKey);
    this.name = 'AppError';
  }
}

export const badInput = (key: string, args?: Record<string, unknown>, fieldErrors?: FieldError[]) =>
  new AppError('BAD_USER_INPUT', key, args, fieldErrors);
/** A single invalid field, reported like class-validator's errors. */
export const invalidField = (field: string, key: string, args?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', 'core.errors.validationFailed', {}, [{ field, key, args }]);
export const notFound = (key: string, args?: Record<string, unknown>) => new AppError('NOT_FOUND', key, args);
export const conflict = (key: string, args?: Record<string, unknown>) => new AppError('CONFLICT', key, args);
export const tooManyRequests = (key: string, args?: Record<string, unknown>) => new AppError('TOO_MANY_REQUESTS', key, args);
export const forbidden = (key: string, args?: Record<string, unknown>) => new AppError('FORBIDDEN', key, args);
