import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { requestIdFor } from '../context/request-context.middleware';

/** Structured JSON logs; every request carries an id (taken from X-Request-Id or generated) echoed back. */
export function loggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const existing = (req as IncomingMessage & { id?: string }).id;
        if (existing) return existing;
        const id = requestIdFor(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (req: IncomingMessage) => Boolean(req.url?.startsWith('/health')) },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    },
  };
}
