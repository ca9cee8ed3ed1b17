import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { DataSource, EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/config.tokens';
import { type CoreConfig, DEV_ENCRYPTION_KEY } from '../config/core-config';
import { randomToken, SecretBox, sha256 } from './secret-box';

const STEP_SECONDS = 30;
authenticator.options = { step: STEP_SECONDS, window: 1, digits: 6 };

export type TotpCheck = 'valid' | 'invalid' | 'replayed';

/**
 * RFC 6238 codes from any authenticator app: 30-second steps, one step of drift either way, and a
 * code is accepted at most once (the last accepted step is stored and must strictly increase).
 */
@Injectable()
export class TotpService {
  private readonly box: SecretBox;

  constructor(@Inject(CORE_CONFIG) config: CoreConfig, @InjectDataSource() private readonly dataSource: DataSource) {
    this.box = new SecretBox(config.ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY);
  }

  newSecret(): { secret: string; sealed: string } {
    const secret = authenticator.generateSecret(20);
    return { secret, sealed: this.box.seal(secret) };
  }

  async enrolment(username: string, secret: string): Promise<{ otpauthUrl: string; qrCodeDataUrl: string }> {
    const otpauthUrl = authenticator.keyuri(username, 'CoreMIS', secret);
    return { otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  }

  /** Checks a code against the sealed secret and consumes its time step atomically. */
  async check(userId: string, sealedSecret: string, code: string, manager: EntityManager = this.dataSource.manager): Promise<TotpCheck> {
    if (!/^\d{6}$/.test(code)) return 'invalid';
    const delta = authenticator.checkDelta(code, this.box.open(sealedSecret));
    if (delta === null) return 'invalid';
    const step = Math.floor(Date.now() / 1000 / STEP_SECONDS) + delta;
    const [, consumed] = await manager.query(
      `UPDATE core."user" SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [userId, step],
    );
    return consumed ? 'valid' : 'replayed';
  }

  /** Ten single-use recovery codes, shown once; only their hashes are kept. */
  async newRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    const codes = Array.from({ length: 10 }, () => formatRecoveryCode(randomToken(8)));
    await manager.query('DELETE FROM core.recovery_code WHERE user_id = $1', [userId]);
    await manager.query(
      `INSERT INTO core.recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])`,
      [userId, codes.map((c) => sha256(normaliseRecoveryCode(c)))],
    );
    return codes;
  }

  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const [, used] = await this.dataSource.query(
      `UPDATE core.recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [userId, sha256(normaliseRecoveryCode(code))],
    );
    return used === 1;
  }
}

function formatRecoveryCode(raw: string): string {
  const clean = raw.replace(/[^A-Za-z0-9]/g, '').toLowerCase().padEnd(10, 'x').slice(0, 10);
  return `${clean.slice(0, 5)}-${clean.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}
