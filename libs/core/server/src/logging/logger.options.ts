import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { requestIdFor } from '../context/request-context.middleware';
import { redactUrl } from './redact-url';

/**
 * Structured JSON logs; every request carries an id (taken from X-Request-Id or generated) echoed back.
 * Lines go to stdout asynchronously: under load, many lines share one write instead of one blocking
 * write per request (what is still buffered is flushed when the process exits).
 * The URL logged with a request (its completion line and every line logged while it runs) has the values of its
 * secret query parameters masked (`redactUrl`): callbacks from providers carry their shared secret as `?token=`.
 * `destination` (stdout by default) lets a test read the lines.
 */
export function loggerOptions(level: string, destination: DestinationStream = pino.destination({ dest: 1, sync: false })): Params {
  const options: Options = {
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
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      // the response headers would only repeat the request id
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return { pinoHttp: [options, destination] };
}
