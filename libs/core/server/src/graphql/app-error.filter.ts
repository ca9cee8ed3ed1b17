import { type ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { Translator } from '../i18n/translator';
import { AppError, type ErrorCode } from './app-error';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INTERNAL_SERVER_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
  APPROVAL_PENDING: HttpStatus.ACCEPTED,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
};

/**
 * User errors are expected outcomes: hand them to GraphQL untouched, without error logs. On a REST
 * route they become a JSON body `{ statusCode, code, message, fieldErrors? }` translated into the request's language.
 */
@Catch(AppError)
export class AppErrorFilter implements GqlExceptionFilter {
  constructor(private readonly translator: Translator) {}

  catch(error: AppError, host?: ArgumentsHost): AppError | void {
    if (host?.getType<string>() !== 'http') return error;
    const res = host.switchToHttp().getResponse<Response>();
    const statusCode = HTTP_STATUS[error.code] ?? HttpStatus.BAD_REQUEST;
    const lang = this.translator.currentLanguage();
    const message = this.translator.translate(error.messageKey, lang, error.args);
    if (res.headersSent) {
      res.end();
      return;
    }
    // a client told to slow down is told when it may try again (RFC 9110, 10.2.3)
    const retryAfter = (error.extensions as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (statusCode === HttpStatus.TOO_MANY_REQUESTS && typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    const fieldErrors = error.fieldErrors.map((f) => ({ field: f.field, message: this.translator.translate(f.key, lang, f.args ?? {}) }));
    // a route's own @Header (text/csv) is already set when its handler throws: the error is JSON
    res.status(statusCode).type('application/json').json({ statusCode, code: error.code, message, ...(fieldErrors.length ? { fieldErrors } : {}), ...error.extensions });
  }
}
