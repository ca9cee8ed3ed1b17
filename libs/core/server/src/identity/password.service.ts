import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane). */
@Injectable()
export class PasswordService {
  private static readonly options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

  hash(password: string): Promise<string> {
    return argon2.hash(password, PasswordService.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
  private dummy?: Promise<string>;
  async burn(password: string): Promise<void> {
    this.dummy ??= this.hash('coremis-timing-equaliser');
    await this.verify(await this.dummy, password);
  }
}
