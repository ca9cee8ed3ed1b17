export * from './job.entity';
export * from './job.service';
export * from './job-runner.service';
export * from './job-processor.decorator';
export { JobFailure } from './job-failure';
export * from './job-transport';
export { PROCESS_ROLE, type ProcessRole } from './queue-lifecycle.service';
