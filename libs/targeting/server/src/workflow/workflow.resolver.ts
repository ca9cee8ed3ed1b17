import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, Job, RequirePermissions, UuidPipe } from '@coremis/core';
import { DecideValidationInput, RoundFunnelArgs, SaveWorkflowInput, StageOutcomesArgs, StartRoundInput, UploadValidationCsvInput } from '../dto/workflow.inputs';
import { RoundFunnel, StageOutcomePage, ValidationResult } from '../dto/workflow.models';
import { TargetingRound, WorkflowVersion } from '../entities/workflow.entity';
import { CommunityValidationService } from './community-validation.service';
import { WorkflowService } from './workflow.service';

/** Workflows, rounds, per-stage work queues and community validation; the services apply the areas. */
@Resolver(() => TargetingRound)
export class WorkflowResolver {
  constructor(
    private readonly service: WorkflowService,
    private readonly validation: CommunityValidationService,
  ) {}

  @Query(() => [WorkflowVersion], { description: 'The versions of a programme\'s targeting workflow, newest first.' })
  @RequirePermissions('targeting.view')
  workflowVersions(@Args('programId', { type: () => ID }, UuidPipe) programId: string): Promise<WorkflowVersion[]> {
    return this.service.versions(programId);
  }

  @Mutation(() => WorkflowVersion, { description: 'Saves the stages as a new version; running rounds keep the version they started with.' })
  @RequirePermissions('targeting.manage')
  saveWorkflow(@Args('input') input: SaveWorkflowInput): Promise<WorkflowVersion> {
    return this.service.save(input);
  }

  @Query(() => [TargetingRound], { description: 'A programme\'s targeting rounds, newest first.' })
  @RequirePermissions('targeting.view')
  targetingRounds(@Args('programId', { type: () => ID }, UuidPipe) programId: string): Promise<TargetingRound[]> {
    return this.service.rounds(programId);
  }

  @Query(() => TargetingRound, { nullable: true, description: 'Null when it does not exist or its programme is outside the caller\'s areas.' })
  @RequirePermissions('targeting.view')
  targetingRound(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<TargetingRound | null> {
    return this.service.findRound(id);
  }

  @Query(() => RoundFunnel)
  @RequirePermissions('targeting.view')
  roundFunnel(@Args() args: RoundFunnelArgs): Promise<RoundFunnel> {
    return this.service.funnel(args);
  }

  @Query(() => StageOutcomePage, { description: 'A stage\'s work queue: households in the caller\'s areas with their outcome.' })
  @RequirePermissions('targeting.view')
  stageOutcomes(@Args() args: StageOutcomesArgs): Promise<StageOutcomePage> {
    return this.service.outcomes(args);
  }

  @ResolveField(() => Boolean, { description: 'True while the job evaluating its stages is queued or running.' })
  evaluating(@Parent() round: TargetingRound): Promise<boolean> {
    return this.service.evaluating(round);
  }

  @ResolveField(() => Job, { nullable: true, description: 'The last job evaluating its stages: status, progress, and why it failed.' })
  evaluation(@Parent() round: TargetingRound): Promise<Job | null> {
    return this.service.evaluation(round);
  }

  @ResolveField(() => String, { nullable: true, description: 'Why the last evaluation of its stages failed, in the request\'s language.' })
  evaluationFailure(@Parent() round: TargetingRound): Promise<string | null> {
    return this.service.evaluationFailure(round);
  }

  @Mutation(() => TargetingRound, { description: 'Takes the households in your areas into a round of the latest workflow and queues the job running its stages up to the first community validation.' })
  @RequirePermissions('targeting.manage')
  @ApprovableOperation('targeting.rounds.start')
  startTargetingRound(@Args('input') input: StartRoundInput): Promise<TargetingRound> {
    return this.service.start(input);
  }

  @Mutation(() => TargetingRound, { description: 'Queues the job running the stages after a community validation that has no household pending (or taking up an evaluation that failed).' })
  @RequirePermissions('targeting.manage')
  advanceTargetingRound(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<TargetingRound> {
    return this.service.advance(id);
  }

  @Mutation(() => TargetingRound)
  @RequirePermissions('targeting.manage')
  cancelTargetingRound(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<TargetingRound> {
    return this.service.cancel(id);
  }

  @Mutation(() => ValidationResult, { description: 'Approves or rejects (with a reason) households pending at the round\'s community validation; all or nothing.' })
  @RequirePermissions('targeting.validate')
  @ApprovableOperation('targeting.validation.decide')
  decideValidation(@Args('input') input: DecideValidationInput): Promise<ValidationResult> {
    return this.validation.decide(input);
  }

  @Mutation(() => ValidationResult, { description: 'The ticked list\'s outcome as CSV; an unknown household code refuses the whole file.' })
  @RequirePermissions('targeting.validate')
  @ApprovableOperation('targeting.validation.upload')
  uploadValidationCsv(@Args('input') input: UploadValidationCsvInput): Promise<ValidationResult> {
    return this.validation.upload(input);
  }
}
