import { Injectable, type PipeTransform } from '@nestjs/common';
import { SecretVault } from '@coremis/core';

interface WithSecrets {
  credentials?: { key: string; value: string }[] | null;
  callbackSecret?: string | null;
}

/**
 * Seals the secrets of a provider-account input as soon as it is validated, before the approval interceptor can
 * store the arguments as a pending operation: approvers, the pending-operation table and logs see only sealed
 * text. The service opens them again when it writes the account.
 */
@Injectable()
export class SealProviderSecretsPipe implements PipeTransform {
  constructor(private readonly vault: SecretVault) {}

  transform<T extends WithSecrets>(input: T): T {
    if (!input || typeof input !== 'object') return input;
    if (Array.isArray(input.credentials)) {
      input.credentials = input.credentials.map((credential) => ({ ...credential, value: credential.value === '' ? '' : this.vault.seal(credential.value) }));
    }
    if (input.callbackSecret) input.callbackSecret = this.vault.seal(input.callbackSecret);
    return input;
  }
}
