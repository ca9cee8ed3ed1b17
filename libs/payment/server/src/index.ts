// Public contract of the payment module: its definition and the services other modules may call.
export { paymentDefinition } from './payment.definition';
export { CycleService } from './cycle.service';
export { Cycle } from './entities/cycle.entity';
export * from './providers/payment-provider';
export { PAYMENT_RESULTS_SINK, type PaymentResultsSink } from './providers/payment-results-sink';
export { ProviderAccountService } from './providers/provider-account.service';
export { ProviderRegistry } from './providers/provider-registry';
export { PaymentProviderGateway } from './providers/payment-provider.gateway';
export { PaymentProvidersModule } from './providers/payment-providers.module';
export { ProviderAccount, ProviderKindCode } from './providers/provider-account.entity';
