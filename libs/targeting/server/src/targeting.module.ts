import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { ProgramsModule, ProgramsWorkerModule } from '@coremis/programs';
import { AreaCoefficientResolver } from './coefficients/area-coefficient.resolver';
import { AreaCoefficientService } from './coefficients/area-coefficient.service';
import { EnrolmentRunProcessor } from './enrolment/enrolment-run.processor';
import { EnrolmentRunResolver } from './enrolment/enrolment-run.resolver';
import { EnrolmentRunService } from './enrolment/enrolment-run.service';
import { FormulaResolver } from './formula.resolver';
import { FormulaService } from './formula.service';
import { ScoreJobProcessor } from './scoring/score-job.processor';
import { ScoreJobService } from './scoring/score-job.service';
import { CommunityValidationService } from './workflow/community-validation.service';
import { RoundEvaluationProcessor } from './workflow/round-evaluation.processor';
import { ValidationListController } from './workflow/validation-list.controller';
import { WorkflowResolver } from './workflow/workflow.resolver';
import { WorkflowService } from './workflow/workflow.service';

const SERVICES = [FormulaService, ScoreJobService, EnrolmentRunService, AreaCoefficientService, WorkflowService, CommunityValidationService];

@Module({
  imports: [GeoModule, ProgramsModule],
  providers: [...SERVICES, FormulaResolver, EnrolmentRunResolver, AreaCoefficientResolver, WorkflowResolver],
  controllers: [ValidationListController],
  exports: SERVICES,
})
export class TargetingModule {}

/** Job processors of targeting (scoring, round evaluation, enrolment runs), run by the worker or in-process. */
@Module({
  imports: [GeoModule, ProgramsWorkerModule],
  providers: [...SERVICES, ScoreJobProcessor, RoundEvaluationProcessor, EnrolmentRunProcessor],
  exports: SERVICES,
})
export class TargetingWorkerModule {}
