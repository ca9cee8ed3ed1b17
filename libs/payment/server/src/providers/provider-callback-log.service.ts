import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PayoutResult } from './payment-provider';

export type CallbackOutcome = 'ACCEPTED' | 'REPLAY' | 'BAD_SIGNATURE' | 'MALFORMED' | 'UNKNOWN_ACCOUNT' | 'FAILED';

/**
 * The log of callbacks (`payment.provider_callback`): each one received, with what became of it. An authenticated
 * body already accepted for the account (same bytes) is a replay: recorded, answered 200, not applied again.
 */
@Injectable()
export class ProviderCallbackLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  static hash(body: Buffer): string {
    return createHash('sha256').update(body).digest('hex');
  }

  async isReplay(accountId: string, body: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM payment.provider_callback WHERE account_id = $1 AND body_sha256 = $2 AND outcome = 'ACCEPTED' LIMIT 1`, [accountId, ProviderCallbackLog.hash(body)]);
    return rows.length > 0;
  }

  /** Records a callback; for ACCEPTED, false when a concurrent delivery of the same bytes was recorded first. */
  async record(entry: { accountId: string | null; accountCode: string; outcome: CallbackOutcome; body: Buffer; results?: PayoutResult[]; ip?: string }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO payment.provider_callback (account_id, account_code, outcome, body_sha256, body_bytes, results, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id, body_sha256) WHERE outcome = 'ACCEPTED' DO NOTHING
       RETURNING id`,
      [entry.accountId, entry.accountCode.slice(0, 50), entry.outcome, ProviderCallbackLog.hash(entry.body), entry.body.length, entry.results ? JSON.stringify(entry.results) : null, entry.ip ?? null],
    );
    return rows.length > 0;
  }
}
