// Public contract of the programs module: its definition and the services other modules may call.
export { programsDefinition } from './programs.definition';
export { ProgramService } from './program.service';
export { BeneficiaryService, type StatusChangeResult, type StatusSelectionInput } from './beneficiary.service';
export { ProgramsModule, ProgramsWorkerModule } from './programs.module';
export { Program, LocalizedText, ProgramBenefit } from './entities/program.entity';
export { Beneficiary } from './entities/beneficiary.entity';
export { BeneficiaryStatusChange } from './entities/beneficiary-status-change.entity';
export {
  BeneficiaryStatus,
  BenefitBasis,
  BenefitKind,
  ProgramStatus,
  StatusChangeSource,
  TargetUnit,
  STATUS_TRANSITIONS,
  STATUS_REASONS,
  isTransitionAllowed,
} from './programs-vocabulary';
export { applyProgramScope } from './program-scope.sql';
