import type { NextFunction, Request, Response } from 'express';
import type { Language } from '../modules/module-definition';
import { languageFromHeaders } from '../i18n/language';

type Translate = (key: string, lang: Language) => string;

/**
 * Errors raised before GraphQL runs (unreadable JSON, a body over the size limit) still reach the
 * client as GraphQL errors in its language, instead of a bare HTTP error.
 */
export function bodyErrorHandler(translate: Translate) {
  return (error: { status?: number; type?: string; message?: string }, req: Request, res: Response, next: NextFunction): void => {
    const status = error?.status ?? 0;
    if (status < 400 || status >= 500) return next(error);
    const key = error.type === 'entity.too.large' ? 'core.errors.payloadTooLarge' : 'core.errors.malformedRequest';
    res.status(status).json({
      errors: [{ message: translate(key, languageFromHeaders(req.headers)), extensions: { code: 'BAD_USER_INPUT', detail: error.message, requestId: (req as { id?: string }).id } }],
    });
  };
}
