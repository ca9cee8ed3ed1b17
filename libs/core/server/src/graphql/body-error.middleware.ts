import type { NextFunction, Request, Response } from 'express';
import type { Language } from '../modules/module-definition';
import { languageFromHeaders } from '../i18n/language';

type Translate = (key: string, lang: Language) => string;

/**
 * Errors raised before a handler runs (unreadable JSON, a body over the size limit) still reach the client in its
 * language and in the shape of the endpoint: GraphQL errors on /graphql, the REST error body
 * (`{ statusCode, code, message }`, as `AppErrorFilter` writes it) on every other route.
 */
export function bodyErrorHandler(translate: Translate) {
  return (error: { status?: number; type?: string; message?: string }, req: Request, res: Response, next: NextFunction): void => {
    const status = error?.status ?? 0;
    if (status < 400 || status >= 500) return next(error);
    const key = error.type === 'entity.too.large' ? 'core.errors.payloadTooLarge' : 'core.errors.malformedRequest';
    const message = translate(key, languageFromHeaders(req.headers));
    const requestId = (req as { id?: string }).id;
    if (!req.path.startsWith('/graphql')) {
      res.status(status).json({ statusCode: status, code: 'BAD_USER_INPUT', message, detail: error.message, requestId });
      return;
    }
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', detail: error.message, requestId } }] });
  };
}
