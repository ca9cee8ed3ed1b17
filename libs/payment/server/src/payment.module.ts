import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { CycleResolver } from './cycle.resolver';
import { CycleService } from './cycle.service';
import { PaymentCallbackController } from './providers/payment-callback.controller';
import { PAYMENT_RESULTS_SINK } from './providers/payment-results-sink';
import { PaymentProvidersModule, UnboundPaymentResultsSink } from './providers/payment-providers.module';
import { ProviderAccountResolver } from './providers/provider-account.resolver';

@Module({
  imports: [GeoModule, PaymentProvidersModule],
  controllers: [PaymentCallbackController],
  providers: [CycleService, CycleResolver, ProviderAccountResolver, { provide: PAYMENT_RESULTS_SINK, useClass: UnboundPaymentResultsSink }],
  exports: [CycleService, PaymentProvidersModule],
})
export class PaymentModule {}
