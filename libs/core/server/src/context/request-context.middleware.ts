import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { languageFromHeaders } from '../i18n/language';
import { RequestContext } from './request-context';

/** Opens the request context (request id from pino-http, language, client address) for each request. */
export function requestContextMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  req.id ??= requestIdFor(req);
  res.setHeader('x-request-id', req.id);
  RequestContext.run(
    {
      requestId: req.id,
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
      lang: languageFromHeaders(req.headers),
      actor: null,
    },
    next,
  );
}

/** The caller's X-Request-Id when it is a sane token, otherwise a new UUID. */
export function requestIdFor(req: { headers: Record<string, string | string[] | undefined> }): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
}
