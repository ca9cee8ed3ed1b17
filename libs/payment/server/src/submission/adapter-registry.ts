import { Inject, Injectable, Optional } from '@nestjs/common';
import { notFound } from '@coremis/core';
import type { PaymentProviderAdapter, ProviderConfig, ProviderKind } from '../providers/payment-provider';

/** Every adapter the deployment has, provided under this token (multi: an array). */
export const PAYMENT_ADAPTERS = 'payment:adapters';
/** Opens a provider account's configuration (decrypted credentials); bound by the providers side. */
export const PROVIDER_ACCOUNTS = 'payment:provider-accounts';
/** The account id results of cash payments at payment points are applied under (payrolls without a provider account). */
export const OFFLINE_CASH_ACCOUNT = 'offline-cash';

export interface ProviderAccountDirectory {
  /** The configuration of an account, or null when it does not exist or is disabled. */
  config(accountId: string): Promise<ProviderConfig | null>;
}

/** The adapters by kind, and the configuration a payroll pays through. */
@Injectable()
export class PaymentAdapterRegistry {
  private readonly byKind = new Map<ProviderKind, PaymentProviderAdapter>();

  constructor(
    @Inject(PAYMENT_ADAPTERS) adapters: PaymentProviderAdapter[],
    @Optional() @Inject(PROVIDER_ACCOUNTS) private readonly accounts: ProviderAccountDirectory | null,
  ) {
    for (const adapter of adapters) this.register(adapter);
  }

  register(adapter: PaymentProviderAdapter): void {
    this.byKind.set(adapter.kind, adapter);
  }

  get(kind: ProviderKind): PaymentProviderAdapter {
    const adapter = this.byKind.get(kind);
    if (!adapter) throw notFound('payment.errors.providerUnavailable', { kind });
    return adapter;
  }

  /** The account id results are applied under, and its configuration (cash at payment points without an account). */
  async configFor(providerAccountId: string | null): Promise<ProviderConfig> {
    if (!providerAccountId) {
      return { accountId: OFFLINE_CASH_ACCOUNT, kind: 'offline-cash', baseUrl: '', currency: '', credentials: {}, callbackUrl: '', callbackSecret: '', timeoutMs: 0 };
    }
    const config = this.accounts ? await this.accounts.config(providerAccountId) : null;
    if (!config) throw notFound('payment.errors.providerUnavailable', { kind: providerAccountId });
    return config;
  }
}
