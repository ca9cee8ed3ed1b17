import { type ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { languageFromHeaders } from '../i18n/language';

/**
 * Errors raised before GraphQL runs (unreadable JSON, a body over the size limit) still reach the
 * client as GraphQL errors, translated, instead of a bare HTTP error page.
 */
@Catch(HttpException)
export class HttpErrorFilter {
  constructor(private readonly i18n: I18nService) {}

  catch(exception: HttpException, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return exception;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const status = exception.getStatus();
    if (!req.path.startsWith('/graphql')) {
      res.status(status).json(exception.getResponse());
      return undefined;
    }
    const lang = languageFromHeaders(req.headers);
    const key = status === HttpStatus.PAYLOAD_TOO_LARGE ? 'core.errors.payloadTooLarge' : 'core.errors.malformedRequest';
    res.status(status).json({
      errors: [{ message: this.i18n.translate(key, { lang }), extensions: { code: 'BAD_USER_INPUT', detail: exception.message, requestId: (req as { id?: string }).id } }],
    });
    return undefined;
  }
}
