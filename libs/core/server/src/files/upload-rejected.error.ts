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
