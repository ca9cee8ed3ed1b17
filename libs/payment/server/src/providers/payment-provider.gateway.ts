import { Injectable } from '@nestjs/common';
import type { PayeeCheck, PayoutItem, PayoutResult } from './payment-provider';
import { ProviderAccountService } from './provider-account.service';
import { ProviderRegistry } from './provider-registry';

/**
 * What the payroll side calls to move money: opens the account's configuration, finds its adapter, cuts the items
 * into the adapter's batch size and returns one result per item. Provider trouble never throws (it is UNKNOWN per
 * item); an unknown or inactive account does (nothing was sent).
 */
@Injectable()
export class PaymentProviderGateway {
  constructor(
    private readonly accounts: ProviderAccountService,
    private readonly registry: ProviderRegistry,
  ) {}

  async submit(accountId: string, items: PayoutItem[]): Promise<PayoutResult[]> {
    const config = await this.accounts.getConfig(accountId);
    const adapter = this.registry.get(config.kind);
    const results: PayoutResult[] = [];
    for (let start = 0; start < items.length; start += adapter.maxBatchSize) {
      results.push(...(await adapter.submit(config, items.slice(start, start + adapter.maxBatchSize))));
    }
    return results;
  }

  /** Status of items sent earlier; works on a deactivated account too (the money may already be on its way). */
  async fetchStatus(accountId: string, items: { idempotencyKey: string; providerReference?: string }[]): Promise<PayoutResult[]> {
    const config = await this.accounts.getConfig(accountId, { allowInactive: true });
    const adapter = this.registry.get(config.kind);
    const results: PayoutResult[] = [];
    for (let start = 0; start < items.length; start += adapter.maxBatchSize) {
      results.push(...(await adapter.fetchStatus(config, items.slice(start, start + adapter.maxBatchSize))));
    }
    return results;
  }

  async verifyPayee(accountId: string, item: PayoutItem): Promise<PayeeCheck> {
    const config = await this.accounts.getConfig(accountId);
    const adapter = this.registry.get(config.kind);
    return adapter.verifyPayee ? adapter.verifyPayee(config, item) : { ok: true };
  }
}
