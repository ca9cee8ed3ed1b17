import { Inject, Injectable } from '@nestjs/common';
import { CORE_CONFIG } from '../config/config.tokens';
import { type CoreConfig, DEV_ENCRYPTION_KEY } from '../config/core-config';
import { SecretBox } from './secret-box';

/**
 * Secrets other systems gave us (provider credentials, connector tokens), sealed with `ENCRYPTION_KEY` before they
 * reach the database. Modules store only `seal()`ed text and never return it through the API.
 */
@Injectable()
export class SecretVault {
  private readonly box: SecretBox;

  constructor(@Inject(CORE_CONFIG) config: CoreConfig) {
    this.box = new SecretBox(config.ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY);
  }

  seal(plain: string): string {
    return this.box.seal(plain);
  }

  open(sealed: string): string {
    return this.box.open(sealed);
  }

  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(sealed: string): T {
    return JSON.parse(this.open(sealed)) as T;
  }
}
