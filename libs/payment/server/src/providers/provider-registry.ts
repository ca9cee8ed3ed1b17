import { Injectable } from '@nestjs/common';
import { notFound } from '@coremis/core';
import { MpesaB2cAdapter } from './adapters/mpesa-b2c.adapter';
import { MtnMomoAdapter } from './adapters/mtn-momo.adapter';
import { PhEeAdapter } from './adapters/ph-ee.adapter';
import { OfflineCashAdapter } from './offline-cash.adapter';
import { OFFLINE_CASH_ACCOUNT, type PaymentProviderAdapter, type ProviderConfig, type ProviderKind } from './payment-provider';
import { ProviderAccountService } from './provider-account.service';

/**
 * The one registry of payment adapters: the adapter of each provider kind (one instance each: adapters keep only
 * token caches), cash at payment points included, and the configuration a payroll pays through (`configFor`).
 * Submission, status polling and callbacks all go through it (via PaymentProviderGateway for money moves).
 */
@Injectable()
export class ProviderRegistry {
  private readonly adapters = new Map<ProviderKind, PaymentProviderAdapter>();

  constructor(private readonly accounts: ProviderAccountService) {
    for (const adapter of [new OfflineCashAdapter(), new MtnMomoAdapter(), new MpesaB2cAdapter(), new PhEeAdapter()]) this.register(adapter);
  }

  /** Adds or replaces the adapter of a kind (tests register fakes). */
  register(adapter: PaymentProviderAdapter): void {
    this.adapters.set(adapter.kind, adapter);
  }

  has(kind: ProviderKind): boolean {
    return this.adapters.has(kind);
  }

  get(kind: ProviderKind): PaymentProviderAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) throw notFound('payment.errors.providerUnavailable', { kind });
    return adapter;
  }

  /**
   * The configuration money moves under: a provider account's (decrypted credentials), or cash at payment points
   * for a payroll without account. `allowInactive`: a deactivated account still settles money already sent.
   */
  async configFor(providerAccountId: string | null, options: { allowInactive?: boolean } = {}): Promise<ProviderConfig> {
    if (!providerAccountId) {
      return { accountId: OFFLINE_CASH_ACCOUNT, kind: 'offline-cash', baseUrl: '', currency: '', credentials: {}, callbackUrl: '', callbackSecret: '', timeoutMs: 0 };
    }
    return this.accounts.getConfig(providerAccountId, options);
  }
}
