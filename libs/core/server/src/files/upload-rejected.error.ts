import { AppError } from '../graphql/app-error';

/** An uploaded file refused for its size, content or encoding: a 4xx with a translated message, nothing stored. */
export class UploadRejectedError extends AppError {
  constructor(
    messageKey: string,
    args: Record<string, unknown> = {},
    /** 413 too large, 415 a type that is not accepted, 422 a file of the right type that cannot be read. */
    readonly httpStatus: 413 | 415 | 422 = 422,
  ) {
    super('BAD_USER_INPUT', messageKey, args);
    this.name = 'UploadRejectedError';
  }
}

/**
 * Upload routes take the file itself as the request body. A JSON, form or multipart body is refused by its
 * Content-Type before anything is read (the JSON parser would have consumed it, and a multipart envelope would
 * otherwise be stored as if it were the CSV).
 */
export function refuseEnvelopedBody(body: unknown): void {
  const type = String((body as { headers?: Record<string, unknown> }).headers?.['content-type'] ?? '').toLowerCase();
  if (/^\s*(application\/(json|[^;]*\+json|x-www-form-urlencoded)|multipart\/)/.test(type)) {
    closeAfterAnswer(body);
    throw new UploadRejectedError('core.files.rawBodyExpected', {}, 415);
  }
}

/** A refused upload whose body was not read to its end: the client must not reuse the connection for its next request. */
export function closeAfterAnswer(body: unknown): void {
  const res = (body as { res?: { headersSent?: boolean; setHeader?(name: string, value: string): void } }).res;
  if (res?.setHeader && !res.headersSent) res.setHeader('Connection', 'close');
}
