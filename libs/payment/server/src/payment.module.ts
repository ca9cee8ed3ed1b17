import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { ProgramsModule } from '@coremis/programs';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { CycleResolver } from './cycle.resolver';
import { CycleService } from './cycle.service';
import { PaymentPointResolver } from './points/payment-point.resolver';
import { PaymentPointService } from './points/payment-point.service';
import { PayrollGenerationProcessor } from './payroll/payroll-generation.processor';
import { PayrollResolver } from './payroll/payroll.resolver';
import { PayrollService } from './payroll/payroll.service';
import { OfflineCashAdapter } from './providers/offline-cash.adapter';
import { PAYMENT_ADAPTERS, PaymentAdapterRegistry, PROVIDER_ACCOUNTS, type ProviderAccountDirectory } from './submission/adapter-registry';
import { PaymentCallbackController } from './providers/payment-callback.controller';
import { PAYMENT_RESULTS_SINK } from './providers/payment-results-sink';
import { PaymentProvidersModule } from './providers/payment-providers.module';
import { ProviderAccountResolver } from './providers/provider-account.resolver';
import { ProviderAccountService } from './providers/provider-account.service';
import { ProviderRegistry } from './providers/provider-registry';
import { PaymentResultsService } from './submission/payment-results.service';
import { PayrollSubmissionProcessor } from './submission/payroll-submission.processor';
import { PayrollSubmissionService } from './submission/payroll-submission.service';
import { AgentController } from './agent/agent.controller';
import { AgentService } from './agent/agent.service';
import { DeliveryService } from './agent/delivery.service';
import { GoodsResolver } from './goods/goods.resolver';
import { GoodsService } from './goods/goods.service';

const SERVICES = [CycleService, PayrollService, PaymentPointService, PaymentResultsService, PayrollSubmissionService, PaymentAdapterRegistry, OfflineCashAdapter, ReconciliationService, GoodsService];
/** Deliveries and the agents' API answer requests only: not in the worker. */
const API_ONLY = [DeliveryService, AgentService];
/** The adapters the submission queue may use, by kind: cash at payment points and the providers' own. */
const ADAPTERS = {
  provide: PAYMENT_ADAPTERS,
  useFactory: (cash: OfflineCashAdapter, providers: ProviderRegistry) => [cash, ...(['mtn-momo', 'mpesa-b2c', 'ph-ee'] as const).map((kind) => providers.get(kind))],
  inject: [OfflineCashAdapter, ProviderRegistry],
};
/** Submission and status polling open provider accounts here (a deactivated account still settles money already sent). */
const ACCOUNTS = {
  provide: PROVIDER_ACCOUNTS,
  useFactory: (accounts: ProviderAccountService): ProviderAccountDirectory => ({ config: (id) => accounts.getConfig(id, { allowInactive: true }).catch(() => null) }),
  inject: [ProviderAccountService],
};
/** Authenticated callbacks apply their results to the payroll lines, forward only and idempotently. */
const RESULTS_SINK = { provide: PAYMENT_RESULTS_SINK, useExisting: PaymentResultsService };

@Module({
  imports: [GeoModule, ProgramsModule, PaymentProvidersModule],
  controllers: [PaymentCallbackController, AgentController],
  providers: [...SERVICES, ...API_ONLY, ADAPTERS, ACCOUNTS, RESULTS_SINK, CycleResolver, PayrollResolver, PaymentPointResolver, ProviderAccountResolver, GoodsResolver],
  exports: [...SERVICES, PaymentProvidersModule],
})
export class PaymentModule {}

/** Job processors of payments (generation, submission), run by the worker or in-process. */
@Module({
  imports: [GeoModule, ProgramsModule, PaymentProvidersModule],
  providers: [...SERVICES, ADAPTERS, ACCOUNTS, PayrollGenerationProcessor, PayrollSubmissionProcessor],
  exports: SERVICES,
})
export class PaymentWorkerModule {}
