import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Language } from '../modules/module-definition';
import { languageFromHeaders } from '../i18n/language';
import { AppError, type FieldError } from './app-error';

type Translate = (key: string, lang: Language, args?: Record<string, unknown>) => string;

const GRAPHQL_CODE_KEYS: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'core.errors.malformedRequest',
  GRAPHQL_VALIDATION_FAILED: 'core.errors.invalidRequest',
  BAD_USER_INPUT: 'core.errors.invalidVariables',
  PERSISTED_QUERY_NOT_FOUND: 'core.errors.invalidRequest',
  OPERATION_RESOLUTION_FAILURE: 'core.errors.invalidRequest',
  BAD_REQUEST: 'core.errors.malformedRequest',
};

/**
 * Turns every error into one a programme officer can read, in the language of the request:
 * application errors by their key, GraphQL's own (parse, validation, variable coercion) by their
 * code with the technical detail kept apart, and unexpected errors hidden behind the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AppError) {
    return {
      ...formatted,
      message: original.messageKey,
      extensions: { code: original.code, messageKey: original.messageKey, args: original.args, fieldErrors: original.fieldErrors, clientExtensions: original.extensions },
    };
  }
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (GRAPHQL_CODE_KEYS[code] || code === 'GRAPHQL_COMPLEXITY' || code === 'GRAPHQL_DEPTH') {
    return formatted;
  }
  return { message: 'core.errors.internal', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', messageKey: 'core.errors.internal' } };
}

export function errorTranslationPlugin(translate: Translate, logError: (error: unknown, requestId?: string) => void): ApolloServerPlugin {
  // the listeners keep no state of their own: one object serves every request
  const listeners = {
    async didEncounterErrors(ctx: GraphQLRequestContext<Record<string, unknown>>) {
      for (const error of ctx.errors ?? []) {
        const original = error.originalError;
        if (original && !(original instanceof AppError) && !(original instanceof GraphQLError)) logError(original, requestIdOf(ctx));
      }
    },
    async willSendResponse(ctx: GraphQLRequestContext<Record<string, unknown>>) {
      const body = ctx.response.body;
      if (!body || body.kind !== 'single' || !body.singleResult.errors) return;
      const lang = languageFromHeaders(Object.fromEntries(ctx.request.http?.headers ?? []));
      const requestId = requestIdOf(ctx);
      body.singleResult.errors = body.singleResult.errors.map((e: GraphQLFormattedError) => translateError(e, lang, translate, requestId));
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

function translateError(error: GraphQLFormattedError, lang: Language, translate: Translate, requestId?: string): GraphQLFormattedError {
  const ext = { ...(error.extensions ?? {}) } as Record<string, unknown>;
  const code = String(ext.code ?? 'INTERNAL_SERVER_ERROR');
  const key = (ext.messageKey as string | undefined) ?? GRAPHQL_CODE_KEYS[code] ?? (code === 'GRAPHQL_COMPLEXITY' || code === 'GRAPHQL_DEPTH' ? `core.errors.${code === 'GRAPHQL_DEPTH' ? 'tooDeep' : 'tooComplex'}` : undefined);
  if (!key) return error;
  const args = { ...((ext.args as Record<string, unknown>) ?? {}), requestId: requestId ?? '-' };
  const extensions: Record<string, unknown> = {
    ...((ext.clientExtensions as Record<string, unknown> | undefined) ?? {}),
    code: code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST' ? 'BAD_USER_INPUT' : code,
    requestId,
  };
  if (!ext.messageKey) extensions.detail = error.message;
  const fieldErrors = ext.fieldErrors as FieldError[] | undefined;
  let message = translate(key, lang, args);
  if (fieldErrors?.length) {
    extensions.fieldErrors = fieldErrors.map((f) => ({ field: f.field, message: translate(f.key, lang, f.args) }));
    // a generic "some fields are not valid" needs the details; a specific message already says it
    if (key === 'core.errors.validationFailed') {
      message = `${message} ${(extensions.fieldErrors as { field: string; message: string }[]).map((f) => `${f.field}: ${f.message}`).join('; ')}`;
    }
  }
  return { message, locations: error.locations, path: error.path, extensions };
}
