import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, Connection, RequirePermissions, UuidPipe } from '@coremis/core';
import { EnrolmentProposalsArgs, EnrolmentRunsArgs, StartEnrolmentRunInput } from '../dto/enrolment.inputs';
import { EnrolmentProposalPage, WaitlistPromotion } from '../dto/formula.models';
import { EnrolmentRun } from '../entities/enrolment-run.entity';
import { EnrolmentRunService } from './enrolment-run.service';

@ObjectType()
export class EnrolmentRunConnection extends Connection(EnrolmentRun) {}

/** Enrolment rounds: computed by an officer, applied (beneficiaries change) under the approval rule. */
@Resolver(() => EnrolmentRun)
export class EnrolmentRunResolver {
  constructor(private readonly service: EnrolmentRunService) {}

  @Query(() => EnrolmentRunConnection)
  @RequirePermissions('targeting.view')
  async enrolmentRuns(@Args() args: EnrolmentRunsArgs): Promise<EnrolmentRunConnection> {
    return (await this.service.list(args)) as EnrolmentRunConnection;
  }

  @Query(() => EnrolmentRun, { nullable: true, description: 'Null when it does not exist or its programme is outside the caller\'s areas.' })
  @RequirePermissions('targeting.view')
  enrolmentRun(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<EnrolmentRun | null> {
    return this.service.findById(id);
  }

  @Query(() => EnrolmentProposalPage, { description: 'The ranked proposal of a run, households in the caller\'s areas.' })
  @RequirePermissions('targeting.view')
  enrolmentProposals(@Args() args: EnrolmentProposalsArgs): Promise<EnrolmentProposalPage> {
    return this.service.proposals(args);
  }

  @ResolveField(() => String, { nullable: true, description: 'Why the computation refused the run (FAILED), in the request\'s language.' })
  failure(@Parent() run: EnrolmentRun): string | null {
    return this.service.failureText(run);
  }

  @Mutation(() => EnrolmentRun, { description: 'Queues the run\'s computation (a job: the run is COMPUTING until it ranks the scored households and proposes ENROLLED / WAITLISTED / INELIGIBLE for each, or FAILED with the reason); changes no beneficiary.' })
  @RequirePermissions('targeting.enrol')
  startEnrolmentRun(@Args('input') input: StartEnrolmentRunInput): Promise<EnrolmentRun> {
    return this.service.start(input);
  }

  @Mutation(() => EnrolmentRun, { description: 'Applies a proposed run to the beneficiaries; may be held for approval.' })
  @RequirePermissions('targeting.enrol')
  @ApprovableOperation('targeting.enrolment.apply')
  applyEnrolmentRun(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<EnrolmentRun> {
    return this.service.apply(id);
  }

  @Mutation(() => WaitlistPromotion, { description: 'Promotes wait-listed households, in the last applied run\'s rank, into the places and budget freed since; may be held for approval.' })
  @RequirePermissions('targeting.enrol')
  @ApprovableOperation('targeting.enrolment.promote')
  promoteWaitlisted(@Args('programId', { type: () => ID }, UuidPipe) programId: string): Promise<WaitlistPromotion> {
    return this.service.promoteWaitlisted(programId);
  }

  @Mutation(() => EnrolmentRun, { description: 'Drops a proposed run (a new one can then be computed).' })
  @RequirePermissions('targeting.enrol')
  cancelEnrolmentRun(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<EnrolmentRun> {
    return this.service.cancel(id);
  }
}
