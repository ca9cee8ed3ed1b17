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
import { PAYMENT_ADAPTERS, PaymentAdapterRegistry } from './submission/adapter-registry';
import { PaymentResultsService } from './submission/payment-results.service';
import { PayrollSubmissionProcessor } from './submission/payroll-submission.processor';
import { PayrollSubmissionService } from './submission/payroll-submission.service';

const SERVICES = [CycleService, PayrollService, PaymentPointService, PaymentResultsService, PayrollSubmissionService, PaymentAdapterRegistry, OfflineCashAdapter, ReconciliationService];
/**
 * The adapters the submission queue may use, by kind. The providers side adds its adapters here (and binds
 * PROVIDER_ACCOUNTS to its account directory).
 */
const ADAPTERS = { provide: PAYMENT_ADAPTERS, useFactory: (cash: OfflineCashAdapter) => [cash], inject: [OfflineCashAdapter] };

@Module({
  imports: [GeoModule, ProgramsModule],
  providers: [...SERVICES, ADAPTERS, CycleResolver, PayrollResolver, PaymentPointResolver],
  exports: SERVICES,
})
export class PaymentModule {}

/** Job processors of payments (generation, submission), run by the worker or in-process. */
@Module({
  imports: [GeoModule, ProgramsModule],
  providers: [...SERVICES, ADAPTERS, PayrollGenerationProcessor, PayrollSubmissionProcessor],
  exports: SERVICES,
})
export class PaymentWorkerModule {}
