import { Writable } from 'node:stream';
import { Controller, Get, HttpStatus, type INestApplication, Logger as NestLogger, Module, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import { Logger, LoggerModule } from 'nestjs-pino';
import { loggerOptions } from './logger.options';
import { REDACTED } from './redact-url';

const SECRET = 'probe-callback-secret-0123456789abcdef';

/** Stands in for the payment callback route: accepted, refused (logged as a warning), unknown account, and a crash. */
@Controller('api/payment/callbacks')
class CallbackProbeController {
  private readonly logger = new NestLogger('PaymentCallbacks');

  @Post(':accountCode')
  receive(@Param('accountCode') accountCode: string, @Res() res: Response): void {
    if (accountCode === 'MOMO1') {
      res.status(HttpStatus.OK).json({ received: 0 });
    } else if (accountCode === 'REFUSED') {
      this.logger.warn(`callback refused for account ${accountCode}: signature`);
      res.status(HttpStatus.UNAUTHORIZED).json({ error: 'signature' });
    } else if (accountCode === 'CRASH') {
      throw new Error('the results sink failed');
    } else {
      throw new NotFoundException({ error: 'unknown account' });
    }
  }

  @Get(':accountCode')
  get(): never {
    throw new Error('GET crashed');
  }
}

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines, text };
}

describe('the request log', () => {
  let app: INestApplication;
  let base: string;
  const log = capture();

  beforeAll(async () => {
    @Module({ imports: [LoggerModule.forRoot(loggerOptions('info', log.stream))], controllers: [CallbackProbeController] })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(() => app?.close());

  it('never writes the secret of a callback URL, for accepted, refused, unknown and failing calls alike', async () => {
    const calls: [string, string, number][] = [
      ['POST', `/api/payment/callbacks/MOMO1?token=${SECRET}`, 200],
      ['POST', `/api/payment/callbacks/REFUSED?token=${SECRET}`, 401],
      ['POST', `/api/payment/callbacks/NOPE?token=${SECRET}`, 404],
      ['POST', `/api/payment/callbacks/CRASH?token=${SECRET}&Token=${SECRET}`, 500],
      ['GET', `/api/payment/callbacks/MPESA?page=1&TOKEN=${encodeURIComponent(SECRET)}#frag`, 500],
      ['GET', `/api/elsewhere?access_token=${SECRET}&api_key=${SECRET}&password=${SECRET}`, 404],
    ];
    for (const [method, path, status] of calls) expect((await fetch(`${base}${path}`, { method, body: method === 'POST' ? '{}' : undefined })).status).toBe(status);

    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = log.lines();
    expect(log.text()).not.toContain(SECRET);
    expect(log.text()).not.toContain(SECRET.slice(0, 20));
    // one completion line per request, with the URL masked but otherwise kept
    const urls = lines.map((line) => (line.req as { url?: string } | undefined)?.url).filter(Boolean);
    expect(urls).toEqual(
      expect.arrayContaining([
        `/api/payment/callbacks/MOMO1?token=${REDACTED}`,
        `/api/payment/callbacks/REFUSED?token=${REDACTED}`,
        `/api/payment/callbacks/NOPE?token=${REDACTED}`,
        `/api/payment/callbacks/CRASH?token=${REDACTED}&Token=${REDACTED}`,
        `/api/payment/callbacks/MPESA?page=1&TOKEN=${REDACTED}`,
        `/api/elsewhere?access_token=${REDACTED}&api_key=${REDACTED}&password=${REDACTED}`,
      ]),
    );
    // the lines logged while a request runs (a refusal, a crash) carry the same masked URL
    expect(lines.find((line) => line.msg === 'callback refused for account REFUSED: signature')).toMatchObject({ req: { url: `/api/payment/callbacks/REFUSED?token=${REDACTED}` } });
    expect(lines.filter((line) => line.level === 50).map((line) => (line.req as { url: string }).url)).toEqual(
      expect.arrayContaining([`/api/payment/callbacks/CRASH?token=${REDACTED}&Token=${REDACTED}`]),
    );
  });
});
