import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../graphql/uuid.pipe';
import { RequirePermissions } from '../access/require-permissions.decorator';
import { Job } from './job.entity';
import { JobService } from './job.service';

@Resolver(() => Job)
export class JobResolver {
  constructor(private readonly jobs: JobService) {}

  @Query(() => Job, { nullable: true, description: 'A background job, for progress bars and results.' })
  @RequirePermissions('core.jobs.view')
  job(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Job | null> {
    return this.jobs.findById(id);
  }

  @Mutation(() => Job)
  @RequirePermissions('core.jobs.cancel')
  cancelJob(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Job> {
    return this.jobs.cancel(id);
  }
}
