import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { BeneficiaryService } from './beneficiary.service';
import { ProgramResolver } from './program.resolver';
import { ProgramService } from './program.service';

const SERVICES = [ProgramService, BeneficiaryService];

@Module({
  imports: [GeoModule],
  providers: [...SERVICES, ProgramResolver],
  exports: SERVICES,
})
export class ProgramsModule {}

/** Job processors of programmes (bulk status changes, exit reviews), run by the worker or in-process. */
@Module({
  imports: [GeoModule],
  providers: [...SERVICES],
  exports: SERVICES,
})
export class ProgramsWorkerModule {}
