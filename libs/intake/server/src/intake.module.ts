import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { RegistryModule, RegistryWorkerModule } from '@coremis/registry';
import { ConnectorResolver } from './connector.resolver';
import { ConnectorService } from './connector.service';
import { PullProcessor } from './pull/pull.processor';
import { PullScheduler } from './pull/pull-scheduler.service';
import { PullService } from './pull/pull.service';
import { SubmissionStagingService } from './pull/submission-staging.service';
import { AttachmentController } from './review/attachment.controller';
import { RegistryWriter } from './review/registry-writer.service';
import { SubmissionReviewService } from './review/submission-review.service';
import { SourceFactory } from './sources/source-factory';
import { SubmissionResolver, UssdFlowResolver } from './submission.resolver';
import { UssdController } from './ussd/ussd.controller';
import { UssdFlowService } from './ussd/ussd-flow.service';
import { UssdService } from './ussd/ussd.service';

const SERVICES = [ConnectorService, SourceFactory, PullService, SubmissionStagingService, RegistryWriter, SubmissionReviewService, UssdService, UssdFlowService];

@Module({
  imports: [GeoModule, RegistryModule],
  controllers: [UssdController, AttachmentController],
  providers: [...SERVICES, ConnectorResolver, SubmissionResolver, UssdFlowResolver],
  exports: SERVICES,
})
export class IntakeModule {}

/** Pulls (job processor) and their schedule, run by the worker or in-process. */
@Module({
  imports: [GeoModule, RegistryWorkerModule],
  providers: [...SERVICES, PullProcessor, PullScheduler],
  exports: SERVICES,
})
export class IntakeWorkerModule {}
