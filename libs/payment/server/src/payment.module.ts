import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { CycleResolver } from './cycle.resolver';
import { CycleService } from './cycle.service';

@Module({
  imports: [GeoModule],
  providers: [CycleService, CycleResolver],
  exports: [CycleService],
})
export class PaymentModule {}
