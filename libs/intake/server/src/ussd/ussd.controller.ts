import { Controller, Header, HttpCode, Logger, Param, Post, Query, Req } from '@nestjs/common';
import { PublicOperation } from '@coremis/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { type UssdRequest, UssdService } from './ussd.service';

const MAX_FORM_BYTES = 4096;

/**
 * The USSD gateway's callback (Africa's Talking style: a form-encoded or JSON body with sessionId,
 * serviceCode, phoneNumber, text), public like the gateway that calls it; with INTAKE_USSD_KEY set, the
 * callback URL must carry `?key=` with that value. Answers are plain text starting with `CON ` or `END `.
 */
@Controller('api/intake/ussd')
@PublicOperation()
export class UssdController {
  private readonly logger = new Logger(UssdController.name);

  constructor(private readonly ussd: UssdService) {}

  @Post(':programCode')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async callback(@Param('programCode') programCode: string, @Req() req: Request, @Query('key') key?: string): Promise<string> {
    const expected = process.env['INTAKE_USSD_KEY'];
    if (expected && !(typeof key === 'string' && key.length === expected.length && timingSafeEqual(Buffer.from(key), Buffer.from(expected)))) {
      return 'END This service is not available.';
    }
    try {
      return await this.ussd.handle(programCode, await bodyOf(req));
    } catch (error) {
      // the phone always gets an answer that ends the session cleanly; the cause goes to the log
      this.logger.error(`USSD ${programCode}: ${(error as Error).message}`);
      return 'END Sorry, the service is unavailable. Please try again later.';
    }
  }
}

/** The JSON body (parsed by the platform) or a form-encoded one (read here, a few KB at most). */
async function bodyOf(req: Request): Promise<UssdRequest> {
  if (req.body && typeof req.body === 'object' && Object.keys(req.body as object).length) return req.body as UssdRequest;
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return {};
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) as UssdRequest;
}
