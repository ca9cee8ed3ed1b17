import { Module } from '@nestjs/common';
import { ProgramsModule, ProgramsWorkerModule } from '@coremis/programs';
import { FormulaResolver } from './formula.resolver';
import { FormulaService } from './formula.service';
import { ScoreJobProcessor } from './scoring/score-job.processor';
import { ScoreJobService } from './scoring/score-job.service';

const SERVICES = [FormulaService, ScoreJobService];

@Module({
  imports: [ProgramsModule],
  providers: [...SERVICES, FormulaResolver],
  exports: SERVICES,
})
export class TargetingModule {}

/** Job processors of targeting (scoring), run by the worker or in-process. */
@Module({
  imports: [ProgramsWorkerModule],
  providers: [...SERVICES, ScoreJobProcessor],
  exports: SERVICES,
})
export class TargetingWorkerModule {}
