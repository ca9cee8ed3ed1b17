// Public contract of the intake module: its definition and the services other modules may call.
export { intakeDefinition } from './intake.definition';
export { IntakeModule, IntakeWorkerModule } from './intake.module';
export { ConnectorService } from './connector.service';
export { SubmissionReviewService } from './review/submission-review.service';
export { Connector } from './entities/connector.entity';
export { Submission } from './entities/submission.entity';
export { ConnectorKind, SubmissionSource, SubmissionStatus } from './intake-vocabulary';
