import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON } from '@coremis/core';
import { Beneficiary } from '../entities/beneficiary.entity';
import { ExitProposal } from '../entities/exit-proposal.entity';
import { BeneficiaryStatus } from '../programs-vocabulary';

@ObjectType()
export class BeneficiaryConnection extends Connection(Beneficiary) {}

@ObjectType()
export class ExitProposalConnection extends Connection(ExitProposal) {}

@ObjectType({ description: 'One allowed move of the beneficiary status table; `from` null is a new beneficiary.' })
export class StatusTransition {
  @Field(() => BeneficiaryStatus, { nullable: true })
  from: BeneficiaryStatus | null;

  @Field(() => BeneficiaryStatus)
  to: BeneficiaryStatus;
}

@ObjectType({ description: 'What a set-based status change did.' })
export class StatusChangeSummary {
  @Field(() => Int)
  selected: number;

  @Field(() => Int, { description: 'Inside your areas and the programme coverage.' })
  inScope: number;

  @Field(() => Int, { description: 'Already in the status.' })
  unchanged: number;

  @Field(() => Int, { description: 'Transitions the table does not allow (left unchanged).' })
  refused: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => GraphQLJSON, { description: 'Changes made, by new status.' })
  byStatus: Record<string, number>;
}

@ObjectType()
export class BulkStatusPreview {
  @Field(() => Int)
  matching: number;

  @Field(() => Int, { description: 'Of those, the ones the transition table lets move.' })
  allowed: number;
}

@ObjectType()
export class ExitReviewSummary {
  @Field(() => Int)
  proposed: number;
}

@ObjectType()
export class ExitDecisionSummary {
  @Field(() => Int)
  decided: number;

  @Field(() => StatusChangeSummary, { nullable: true })
  statusChanges: StatusChangeSummary | null;
}
