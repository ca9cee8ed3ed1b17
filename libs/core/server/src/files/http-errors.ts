import { HttpException } from '@nestjs/common';
import { AppError, type ErrorCode } from '../graphql/app-error';
import type { Translator } from '../i18n/translator';
import { UploadRejectedError } from './upload-rejected.error';

const STATUS_OF: Partial<Record<ErrorCode, number>> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401, TOO_MANY_REQUESTS: 429 };
const CODE_OF_STATUS: Record<number, string> = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'UNPROCESSABLE_CONTENT' };

/**
 * A user error of a REST route (file transfers) as the HTTP answer: the status, a code, the message key
 * and the message in the request's language. Anything else is returned as it is (a real server error).
 */
export function httpErrorOf(error: unknown, translator: Translator): unknown {
  if (!(error instanceof AppError)) return error;
  // rate limits keep their AppError: its filter adds Retry-After and the extensions (retryAfterSeconds)
  if (error.code === 'TOO_MANY_REQUESTS') return error;
  const status = error instanceof UploadRejectedError ? error.httpStatus : (STATUS_OF[error.code] ?? 400);
  return new HttpException(
    { statusCode: status, code: CODE_OF_STATUS[status] ?? error.code, key: error.messageKey, message: translator.translate(error.messageKey, translator.currentLanguage(), error.args) },
    status,
  );
}
