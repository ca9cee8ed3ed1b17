import { Injectable } from '@nestjs/common';
import { MpesaB2cAdapter } from './adapters/mpesa-b2c.adapter';
import { MtnMomoAdapter } from './adapters/mtn-momo.adapter';
import { PhEeAdapter } from './adapters/ph-ee.adapter';
import type { PaymentProviderAdapter, ProviderKind } from './payment-provider';

/** The adapter of each provider kind (one instance each: adapters keep only token caches). */
@Injectable()
export class ProviderRegistry {
  private readonly adapters = new Map<ProviderKind, PaymentProviderAdapter>();

  constructor() {
    for (const adapter of [new MtnMomoAdapter(), new MpesaB2cAdapter(), new PhEeAdapter()]) this.register(adapter);
  }

  /** Adds or replaces the adapter of a kind (offline cash is registered by the payroll side, which records deliveries). */
  register(adapter: PaymentProviderAdapter): void {
    this.adapters.set(adapter.kind, adapter);
  }

  has(kind: ProviderKind): boolean {
    return this.adapters.has(kind);
  }

  get(kind: ProviderKind): PaymentProviderAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) throw new Error(`no payment provider adapter for "${kind}"`);
    return adapter;
  }
}
