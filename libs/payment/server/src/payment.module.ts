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
import { PaymentCallbackController } from './providers/payment-callback.controller';
import { PAYMENT_RESULTS_SINK } from './providers/payment-results-sink';
import { PaymentProvidersModule } from './providers/payment-providers.module';
import { ProviderAccountResolver } from './providers/provider-account.resolver';
import { HouseholdPaymentsResolver } from './household/household-payments.resolver';
import { PayrollReportController } from './reports/payroll-report.controller';
import { PayrollReportService } from './reports/payroll-report.service';
import { PaymentResultsService } from './submission/payment-results.service';
import { PayrollSubmissionProcessor } from './submission/payroll-submission.processor';
import { PayrollSubmissionService } from './submission/payroll-submission.service';
import { AgentController } from './agent/agent.controller';
import { AgentService } from './agent/agent.service';
import { DeliveryService } from './agent/delivery.service';
import { GoodsGenerationProcessor } from './goods/goods-generation.processor';
import { GoodsResolver } from './goods/goods.resolver';
import { GoodsService } from './goods/goods.service';

const SERVICES = [CycleService, PayrollService, PaymentPointService, PaymentResultsService, PayrollSubmissionService, ReconciliationService, GoodsService];
/** Deliveries and the agents' API answer requests only: not in the worker. */
const API_ONLY = [DeliveryService, AgentService];
/** Authenticated callbacks apply their results to the payroll lines, forward only and idempotently. */
const RESULTS_SINK = { provide: PAYMENT_RESULTS_SINK, useExisting: PaymentResultsService };

@Module({
  imports: [GeoModule, ProgramsModule, PaymentProvidersModule],
  controllers: [PaymentCallbackController, PayrollReportController, AgentController],
  providers: [...SERVICES, ...API_ONLY, RESULTS_SINK, CycleResolver, PayrollResolver, PaymentPointResolver, ProviderAccountResolver, PayrollReportService, HouseholdPaymentsResolver, GoodsResolver],
  exports: [...SERVICES, PaymentProvidersModule],
})
export class PaymentModule {}

/** Job processors of payments (payroll and goods generation, submission), run by the worker or in-process. */
@Module({
  imports: [GeoModule, ProgramsModule, PaymentProvidersModule],
  providers: [...SERVICES, PayrollGenerationProcessor, PayrollSubmissionProcessor, GoodsGenerationProcessor],
  exports: SERVICES,
})
export class PaymentWorkerModule {}
