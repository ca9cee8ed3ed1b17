import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, type GraphqlContext, GraphQLJSON, groupByKeys, RequirePermissions, UuidPipe } from '@coremis/core';
import { CleaningRuleInput, CorrectSubmissionInput, DecideSubmissionInput, RejectSubmissionInput, SubmissionsArgs } from './dto/submission.inputs';
import { LikelyDuplicate, RulePreview, SubmissionConnection } from './dto/submission.models';
import { SaveUssdFlowInput } from './dto/ussd-flow.inputs';
import { SubmissionAttachment } from './entities/attachment.entity';
import { SubmissionCorrection } from './entities/submission-correction.entity';
import { Submission } from './entities/submission.entity';
import { UssdFlow } from './entities/ussd.entities';
import { SubmissionReviewService } from './review/submission-review.service';
import { UssdFlowService } from './ussd/ussd-flow.service';

/** The cleaning queue: root operations declare their permission; the service applies the area scope. */
@Resolver(() => Submission)
export class SubmissionResolver {
  constructor(private readonly service: SubmissionReviewService) {}

  @Query(() => SubmissionConnection)
  @RequirePermissions('intake.view')
  async intakeSubmissions(@Args() args: SubmissionsArgs): Promise<SubmissionConnection> {
    return (await this.service.list(args)) as SubmissionConnection;
  }

  @Query(() => Submission, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @RequirePermissions('intake.view')
  intakeSubmission(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Submission | null> {
    return this.service.findById(id);
  }

  @Query(() => RulePreview, { description: 'What a cleaning rule would change in the open submissions of the caller\'s areas.' })
  @RequirePermissions('intake.review')
  previewIntakeRule(@Args('input') input: CleaningRuleInput): Promise<RulePreview> {
    return this.service.previewRule(input);
  }

  @Mutation(() => Submission)
  @RequirePermissions('intake.review')
  correctIntakeSubmission(@Args('input') input: CorrectSubmissionInput): Promise<Submission> {
    return this.service.correct(input);
  }

  @Mutation(() => Submission, { description: 'Creates (or updates) the household in the registry; may be held for approval.' })
  @RequirePermissions('intake.review', 'registry.edit')
  @ApprovableOperation('intake.submissions.accept')
  acceptIntakeSubmission(@Args('input') input: DecideSubmissionInput): Promise<Submission> {
    return this.service.accept(input);
  }

  @Mutation(() => Submission)
  @RequirePermissions('intake.review')
  rejectIntakeSubmission(@Args('input') input: RejectSubmissionInput): Promise<Submission> {
    return this.service.reject(input);
  }

  @Mutation(() => RulePreview, { description: 'Applies a cleaning rule; may be held for approval.' })
  @RequirePermissions('intake.review')
  @ApprovableOperation('intake.rules.apply')
  applyIntakeRule(@Args('input') input: CleaningRuleInput): Promise<RulePreview> {
    return this.service.applyRule(input);
  }

  @ResolveField(() => [SubmissionCorrection], { description: 'Field corrections, oldest first.' })
  corrections(submission: Submission, _args: unknown, ctx: GraphqlContext): Promise<SubmissionCorrection[]> {
    return ctx.loaders
      .get<string, SubmissionCorrection[]>('intake.correctionsBySubmission', async (ids) => groupByKeys(ids, await this.service.corrections(ids), (c) => c.submissionId))
      .load(submission.id);
  }

  // the stored matches name registered people of any area: they are read through likelyDuplicates, which applies the reader's scope
  @ResolveField(() => GraphQLJSON)
  issues(submission: Submission): unknown {
    return submission.issues.map(({ matches: _matches, ...issue }) => issue);
  }

  @ResolveField(() => [LikelyDuplicate], { description: "Registered people the members may be, by the registry's duplicate model (best first per member)." })
  likelyDuplicates(submission: Submission, _args: unknown, ctx: GraphqlContext): Promise<LikelyDuplicate[]> {
    return ctx.loaders
      .get<Submission, LikelyDuplicate[]>('intake.likelyDuplicatesBySubmission', async (subs) => {
        const found = await this.service.likelyDuplicates(subs);
        return subs.map((s) => found.get(s.id) ?? []);
      })
      .load(submission);
  }

  @ResolveField(() => [SubmissionAttachment])
  attachments(submission: Submission, _args: unknown, ctx: GraphqlContext): Promise<SubmissionAttachment[]> {
    return ctx.loaders
      .get<string, SubmissionAttachment[]>('intake.attachmentsBySubmission', async (ids) => groupByKeys(ids, await this.service.attachments(ids), (a) => a.submissionId))
      .load(submission.id);
  }
}

@Resolver(() => UssdFlow)
export class UssdFlowResolver {
  constructor(private readonly flows: UssdFlowService) {}

  @Query(() => [UssdFlow])
  @RequirePermissions('intake.view')
  intakeUssdFlows(): Promise<UssdFlow[]> {
    return this.flows.list();
  }

  @Mutation(() => UssdFlow)
  @RequirePermissions('intake.manage')
  saveIntakeUssdFlow(@Args('input') input: SaveUssdFlowInput): Promise<UssdFlow> {
    return this.flows.save(input);
  }
}
