import { Module, ServiceUnavailableException } from '@nestjs/common';
import type { PayoutResult } from './payment-provider';
import type { PaymentResultsSink } from './payment-results-sink';
import { PaymentProviderGateway } from './payment-provider.gateway';
import { ProviderAccountService } from './provider-account.service';
import { ProviderCallbackLog } from './provider-callback-log.service';
import { ProviderRegistry } from './provider-registry';
import { SealProviderSecretsPipe } from './seal-provider-secrets.pipe';

/** Provider accounts and adapters, shared by the API (callbacks, administration) and the worker (submission, polling). */
@Module({
  providers: [ProviderAccountService, ProviderRegistry, PaymentProviderGateway, ProviderCallbackLog, SealProviderSecretsPipe],
  exports: [ProviderAccountService, ProviderRegistry, PaymentProviderGateway, ProviderCallbackLog, SealProviderSecretsPipe],
})
export class PaymentProvidersModule {}

/** Stands in until the payroll side binds its results service: callbacks are refused (503) so providers retry later. */
export class UnboundPaymentResultsSink implements PaymentResultsSink {
  apply(_accountId: string, _results: PayoutResult[]): Promise<unknown> {
    return Promise.reject(new ServiceUnavailableException('payment results are not accepted yet'));
  }
}
