import type { GraphQLFormattedError } from 'graphql';
import { FileTransferError } from '../files/authorized-files.service';
import { GraphqlRequestError } from './graphql-text';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INTERNAL_SERVER_ERROR'
  /** Not a failure: the change waits for approval (see `approvalPending`). */
  | 'APPROVAL_PENDING';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * What a person should read about a failure: either the server's message (already in their
 * language) or a translation key for failures the server could not describe.
 */
export interface UserError {
  readonly code?: ErrorCode | string;
  readonly message?: string;
  readonly messageKey?: string;
  readonly fieldErrors: readonly FieldError[];
}

export function toUserError(error: unknown): UserError {
  // Apollo's errors are recognised by name: this runs on the sign-in page, which loads without Apollo
  if (error instanceof GraphqlRequestError) {
    if (error.errors.length) return fromGraphQLErrors(error.errors);
    if (error.unreadable && error.statusCode < 500) return { messageKey: 'core.errors.unexpectedResponse', fieldErrors: [] };
    return { messageKey: error.statusCode >= 502 && error.statusCode <= 504 ? 'core.errors.network' : 'core.errors.server', fieldErrors: [] };
  }
  if (isNamed(error, 'CombinedGraphQLErrors')) return fromGraphQLErrors((error as { errors: readonly GraphQLFormattedError[] }).errors);
  if (isNamed(error, 'ServerError')) {
    const { bodyText, statusCode } = error as { bodyText: string; statusCode: number };
    const errors = graphQLErrorsInBody(bodyText);
    if (errors) return fromGraphQLErrors(errors);
    return { messageKey: statusCode >= 502 && statusCode <= 504 ? 'core.errors.network' : 'core.errors.server', fieldErrors: [] };
  }
  // a refused upload: the server's message is already in the interface language
  if (error instanceof FileTransferError) return error.serverMessage ? { message: error.serverMessage, fieldErrors: [] } : { messageKey: error.messageKey, fieldErrors: [] };
  if (isNamed(error, 'ServerParseError')) return { messageKey: 'core.errors.unexpectedResponse', fieldErrors: [] };
  if (error instanceof TypeError || isNamed(error, 'TypeError')) return { messageKey: 'core.errors.network', fieldErrors: [] }; // fetch() could not connect
  return { messageKey: 'core.errors.unknown', fieldErrors: [] };
}

/** By name rather than class: the class may come from another bundle, or another realm (fetch's TypeError). */
function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** Server validation messages keyed by input field name (`input.nameEn` -> `nameEn`). */
export function fieldErrorMap(error: UserError | null | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { field, message } of error?.fieldErrors ?? []) {
    const name = field.split('.').pop() ?? field;
    map[name] = map[name] ? `${map[name]} ${message}` : message;
  }
  return map;
}

function fromGraphQLErrors(errors: readonly GraphQLFormattedError[]): UserError {
  const code = errors.map((e) => e.extensions?.['code']).find((c): c is string => typeof c === 'string');
  const fieldErrors = errors.flatMap((e) => asFieldErrors(e.extensions?.['fieldErrors']));
  if (code === 'INTERNAL_SERVER_ERROR' || errors.length === 0) {
    return { code, messageKey: 'core.errors.server', fieldErrors };
  }
  return { code, message: [...new Set(errors.map((e) => e.message))].join(' '), fieldErrors };
}

function asFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is FieldError => typeof item?.field === 'string' && typeof item?.message === 'string',
  );
}

function graphQLErrorsInBody(bodyText: string): GraphQLFormattedError[] | null {
  try {
    const body = JSON.parse(bodyText) as { errors?: unknown };
    return Array.isArray(body.errors) && body.errors.length > 0 ? (body.errors as GraphQLFormattedError[]) : null;
  } catch {
    return null;
  }
}
