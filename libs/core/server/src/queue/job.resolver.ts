import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notFound } from '../graphql/app-error';
import { UuidPipe } from '../graphql/uuid.pipe';
import { RequirePermissions } from '../access/require-permissions.decorator';
import { Job } from './job.entity';
import { JobService } from './job.service';

@Resolver(() => Job)
export class JobResolver {
  constructor(private readonly jobs: JobService) {}

  @Query(() => Job, {
    nullable: true,
    description: 'A background job, for progress bars and results: one\'s own, or with core.jobs.viewAll one queued by someone within one\'s areas (NOT_FOUND otherwise).',
  })
  @RequirePermissions('core.jobs.view')
  async job(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Job | null> {
    const job = await this.jobs.findVisible(id);
    // the same answer whether the job does not exist or belongs to someone the caller may not watch
    if (!job) throw notFound('core.errors.jobNotFound', { id });
    return job;
  }

  @Mutation(() => Job)
  @RequirePermissions('core.jobs.cancel')
  cancelJob(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Job> {
    return this.jobs.cancel(id);
  }
}
