import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { RequestContext } from '../context/request-context';
import type { Language } from '../modules/module-definition';
import { AppError, type FieldError } from './app-error';

type Translate = (key: string, lang: Language, args?: Record<string, unknown>) => string;

/** Errors of GraphQL, Apollo and the limits plugin: the message key, and the code the client sees. */
const CLIENT_CODES: Record<string, { key: string; code: string }> = {
  GRAPHQL_PARSE_FAILED: { key: 'core.errors.malformedRequest', code: 'BAD_USER_INPUT' },
  GRAPHQL_VALIDATION_FAILED: { key: 'core.errors.invalidRequest', code: 'BAD_USER_INPUT' },
  BAD_USER_INPUT: { key: 'core.errors.invalidVariables', code: 'BAD_USER_INPUT' },
  OPERATION_RESOLUTION_FAILURE: { key: 'core.errors.invalidRequest', code: 'BAD_USER_INPUT' },
  BAD_REQUEST: { key: 'core.errors.malformedRequest', code: 'BAD_USER_INPUT' },
  PERSISTED_QUERY_NOT_SUPPORTED: { key: 'core.errors.persistedQueriesNotSupported', code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
  PERSISTED_QUERY_NOT_FOUND: { key: 'core.errors.persistedQueriesNotSupported', code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
  GRAPHQL_DEPTH: { key: 'core.errors.tooDeep', code: 'BAD_USER_INPUT' },
  GRAPHQL_COMPLEXITY: { key: 'core.errors.tooComplex', code: 'BAD_USER_INPUT' },
  COSTLY_OPERATIONS: { key: 'core.errors.oneCostlyOperation', code: 'BAD_USER_INPUT' },
  UNSTORABLE_STRING: { key: 'core.errors.unstorableText', code: 'BAD_USER_INPUT' },
};

/**
 * PostgreSQL errors that only a client's value can cause (SQLSTATE class 22 "data exception": bad
 * text representation, NUL byte, numeric or date out of range...; 54000: a value too large for an
 * index row). Anything else from the database stays an internal error.
 */
const CLIENT_SQLSTATES = new Set(['22001', '22003', '22007', '22008', '22009', '22012', '22019', '22021', '22023', '22025', '2202E', '22P02', '22P03', '22P05', '2201B', '2201W', '2201X', '54000']);

/** The SQLSTATE of a database error caused by a client's value, or undefined. */
export function clientDatabaseErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = typeof e?.driverError?.code === 'string' ? e.driverError.code : typeof e?.code === 'string' && e instanceof Error && 'query' in e ? e.code : undefined;
  return code && CLIENT_SQLSTATES.has(code) ? code : undefined;
}

/**
 * Turns every error into one a programme officer can read, in the language of the request (taken from
 * the request context, so that the errors Apollo raises before its pipeline are translated too):
 * application errors by their key, GraphQL's and Apollo's own (parse, validation, variables, limits,
 * batches, persisted queries) by their code with the technical detail kept apart, database errors
 * caused by a client's value as bad input, and unexpected errors hidden behind the request id.
 */
export function createFormatError(translate: Translate): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const context = RequestContext.current();
    const lang = context?.lang ?? 'en';
    const requestId = context?.requestId;
    const original = error instanceof GraphQLError ? error.originalError : error;
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      const extensions: Record<string, unknown> = { ...original.extensions, code: original.code, requestId };
      let message = translate(original.messageKey, lang, { ...original.args, requestId: requestId ?? '-' });
      if (original.fieldErrors.length) {
        const fieldErrors = original.fieldErrors.map((f: FieldError) => ({ field: f.field, message: translate(f.key, lang, f.args) }));
        extensions.fieldErrors = fieldErrors;
        // a generic "some fields are not valid" needs the details; a specific message already says it
        if (original.messageKey === 'core.errors.validationFailed') message = `${message} ${fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
      }
      return { message, ...base, extensions };
    }
    if (clientDatabaseErrorCode(original)) {
      return { message: translate('core.errors.invalidValue', lang), ...base, extensions: { code: 'BAD_USER_INPUT', requestId } };
    }
    const known = CLIENT_CODES[String(formatted.extensions?.code)];
    if (known && !(original && !(original instanceof GraphQLError))) {
      const args = { ...((formatted.extensions?.args as Record<string, unknown> | undefined) ?? {}), requestId: requestId ?? '-' };
      return { message: translate(known.key, lang, args), ...base, extensions: { code: known.code, requestId, detail: formatted.message } };
    }
    return { message: translate('core.errors.internal', lang, { requestId: requestId ?? '-' }), path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
  };
}

/** Logs unexpected errors (with the request id) and, as warnings, database errors caused by a client's value. */
export function errorLoggingPlugin(logError: (error: unknown, requestId?: string) => void, logWarning: (error: unknown, requestId?: string) => void): ApolloServerPlugin {
  // the listeners keep no state of their own: one object serves every request
  const listeners = {
    async didEncounterErrors(ctx: GraphQLRequestContext<Record<string, unknown>>) {
      for (const error of ctx.errors ?? []) {
        const original = error.originalError;
        if (!original || original instanceof AppError || original instanceof GraphQLError) continue;
        if (clientDatabaseErrorCode(original)) logWarning(original, requestIdOf(ctx));
        else logError(original, requestIdOf(ctx));
      }
    },
  };
  return {
    async requestDidStart() {
      return listeners;
    },
  };
}

function requestIdOf(ctx: GraphQLRequestContext<Record<string, unknown>>): string | undefined {
  const req = (ctx.contextValue as { req?: { id?: string } } | undefined)?.req;
  return req?.id ? String(req.id) : undefined;
}
