import { Controller, HttpStatus, Inject, Logger, Param, Post, Put, Req, Res } from '@nestjs/common';
import { PublicOperation } from '@coremis/core';
import type { Request, Response } from 'express';
import { CallbackRejected } from './payment-provider';
import { PAYMENT_RESULTS_SINK, type PaymentResultsSink } from './payment-results-sink';
import { ProviderAccountService } from './provider-account.service';
import { ProviderCallbackLog } from './provider-callback-log.service';
import { ProviderRegistry } from './provider-registry';

/** Largest callback body accepted (a PH-EE batch callback lists every transaction of the batch). */
export const CALLBACK_MAX_BYTES = 4 * 1024 * 1024;
const ACCOUNT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;

/**
 * `POST|PUT /api/payment/callbacks/:accountCode`: results pushed by providers. Public (providers hold no user
 * session) but authenticated by the account's adapter (`parseCallback`: HMAC signature or the secret token of the
 * URL we issued), on the raw body. 401 for a bad signature, 400 for a malformed body, 404 for an unknown account;
 * the results go to the payroll side, which applies them idempotently, so a replay changes nothing.
 */
@Controller('api/payment/callbacks')
@PublicOperation()
export class PaymentCallbackController {
  private readonly logger = new Logger('PaymentCallbacks');

  constructor(
    private readonly accounts: ProviderAccountService,
    private readonly registry: ProviderRegistry,
    private readonly log: ProviderCallbackLog,
    @Inject(PAYMENT_RESULTS_SINK) private readonly sink: PaymentResultsSink,
  ) {}

  @Post(':accountCode')
  receive(@Param('accountCode') accountCode: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.handle(accountCode, req, res);
  }

  /** MoMo delivers its callbacks with PUT. */
  @Put(':accountCode')
  receivePut(@Param('accountCode') accountCode: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.handle(accountCode, req, res);
  }

  private async handle(accountCode: string, req: Request, res: Response): Promise<void> {
    let rawBody: Buffer;
    try {
      rawBody = await readRaw(req, CALLBACK_MAX_BYTES);
    } catch {
      res.status(HttpStatus.PAYLOAD_TOO_LARGE).json({ error: 'body too large' });
      return;
    }
    const config = ACCOUNT_CODE.test(accountCode) ? await this.accounts.getConfigByCode(accountCode, { allowInactive: true }) : null;
    if (!config || !this.registry.has(config.kind)) {
      res.status(HttpStatus.NOT_FOUND).json({ error: 'unknown account' });
      return;
    }
    const query: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(req.query)) if (typeof value === 'string') query[key] = value;
    let results;
    try {
      results = await this.registry.get(config.kind).parseCallback(config, { headers: req.headers, rawBody, query });
    } catch (error) {
      if (error instanceof CallbackRejected) {
        this.logger.warn(`callback refused for account ${accountCode}: ${error.reason}`);
        await this.log.record({ accountId: config.accountId, accountCode, outcome: error.reason === 'signature' ? 'BAD_SIGNATURE' : 'MALFORMED', body: rawBody, ip: req.ip });
        res.status(error.reason === 'signature' ? HttpStatus.UNAUTHORIZED : error.reason === 'malformed' ? HttpStatus.BAD_REQUEST : HttpStatus.NOT_FOUND).json({ error: error.reason });
        return;
      }
      throw error;
    }
    // the same authenticated bytes again: already applied, answered as before so that the provider stops resending
    if (await this.log.isReplay(config.accountId, rawBody)) {
      await this.log.record({ accountId: config.accountId, accountCode, outcome: 'REPLAY', body: rawBody, results, ip: req.ip });
      res.status(HttpStatus.OK).json({ received: results.length, replay: true });
      return;
    }
    try {
      await this.sink.apply(config.accountId, results);
    } catch (error) {
      await this.log.record({ accountId: config.accountId, accountCode, outcome: 'FAILED', body: rawBody, results, ip: req.ip });
      throw error;
    }
    // recorded after the results were applied: a crash in between makes the provider's retry apply them again, harmlessly
    await this.log.record({ accountId: config.accountId, accountCode, outcome: 'ACCEPTED', body: rawBody, results, ip: req.ip });
    res.status(HttpStatus.OK).json({ received: results.length });
  }
}

function readRaw(req: Request, limit: number): Promise<Buffer> {
  if (Buffer.isBuffer((req as { rawBody?: unknown }).rawBody)) return Promise.resolve((req as unknown as { rawBody: Buffer }).rawBody);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
