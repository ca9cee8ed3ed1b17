// Public contract of the payment module: its definition and the services other modules may call.
export { paymentDefinition } from './payment.definition';
export { PaymentModule, PaymentWorkerModule } from './payment.module';
export { CycleService } from './cycle.service';
export { PayrollService } from './payroll/payroll.service';
export { PaymentResultsService, type ApplyOutcome } from './submission/payment-results.service';
export { PayrollSubmissionService } from './submission/payroll-submission.service';
export { PaymentAdapterRegistry, PAYMENT_ADAPTERS, PROVIDER_ACCOUNTS, OFFLINE_CASH_ACCOUNT, type ProviderAccountDirectory } from './submission/adapter-registry';
export { Cycle } from './entities/cycle.entity';
export { Payroll } from './entities/payroll.entity';
export { PayrollLine } from './entities/payroll-line.entity';
export { PaymentPoint } from './entities/payment-point.entity';
export * from './payment-vocabulary';
export * from './providers/payment-provider';
export { generationSql, FLAG_SQL, LINE_TRANSITION_SQL } from './payroll/payroll-generation.sql';
