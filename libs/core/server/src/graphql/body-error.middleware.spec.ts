import type { NextFunction, Request, Response } from 'express';
import { bodyErrorHandler } from './body-error.middleware';

describe('bodyErrorHandler', () => {
  const handle = bodyErrorHandler((key, lang) => `${lang}:${key}`);
  const run = (path: string, error: { status?: number; type?: string; message?: string }) => {
    const sent: { status?: number; body?: unknown } = {};
    const res = { status: (s: number) => ((sent.status = s), res), json: (b: unknown) => ((sent.body = b), res) } as unknown as Response;
    const next = jest.fn() as NextFunction;
    handle(error, { path, headers: { 'accept-language': 'fr' }, id: 'r-1' } as unknown as Request, res, next);
    return { sent, next };
  };

  it('answers a REST route in the REST error shape, translated', () => {
    const { sent } = run('/api/payment/agent/deliveries', { status: 400, type: 'entity.parse.failed', message: 'Unexpected token x' });
    expect(sent).toEqual({ status: 400, body: { statusCode: 400, code: 'BAD_USER_INPUT', message: 'fr:core.errors.malformedRequest', detail: 'Unexpected token x', requestId: 'r-1' } });
  });

  it('answers GraphQL with GraphQL errors, and an oversized body with its own message', () => {
    const { sent } = run('/graphql', { status: 413, type: 'entity.too.large', message: 'too large' });
    expect(sent.status).toBe(413);
    expect(sent.body).toEqual({ errors: [{ message: 'fr:core.errors.payloadTooLarge', extensions: { code: 'BAD_USER_INPUT', detail: 'too large', requestId: 'r-1' } }] });
  });

  it('leaves server errors to the next handler', () => {
    const { sent, next } = run('/api/x', { status: 500, message: 'boom' });
    expect(sent.status).toBeUndefined();
    expect(next).toHaveBeenCalled();
  });
});
