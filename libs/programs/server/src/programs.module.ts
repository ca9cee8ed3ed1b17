import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { BeneficiaryResolver, ExitProposalResolver } from './beneficiary.resolver';
import { BeneficiaryService } from './beneficiary.service';
import { BeneficiaryBulkProcessor } from './bulk/beneficiary-bulk.processor';
import { BeneficiaryBulkService } from './bulk/beneficiary-bulk.service';
import { ExitReviewService } from './exits/exit-review.service';
import { ProgramResolver } from './program.resolver';
import { ProgramService } from './program.service';
import { ProgramsExports } from './programs-exports';

const SERVICES = [ProgramService, BeneficiaryService, BeneficiaryBulkService, ExitReviewService, ProgramsExports];

@Module({
  imports: [GeoModule],
  providers: [...SERVICES, ProgramResolver, BeneficiaryResolver, ExitProposalResolver],
  exports: SERVICES,
})
export class ProgramsModule {}

/** Job processors of programmes (bulk status changes), run by the worker or in-process. */
@Module({
  imports: [GeoModule],
  providers: [...SERVICES, BeneficiaryBulkProcessor],
  exports: SERVICES,
})
export class ProgramsWorkerModule {}
