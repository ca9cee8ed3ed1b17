import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON } from '@coremis/core';
import { Formula } from '../entities/formula.entity';

@ObjectType()
export class FormulaConnection extends Connection(Formula) {}

@ObjectType({ description: 'A problem in a formula, with its position (0-based character offsets).' })
export class FormulaProblemModel {
  @Field({ description: 'Message key (targeting.formula.*), translated with `args`.' })
  key: string;

  @Field(() => GraphQLJSON)
  args: Record<string, unknown>;

  @Field(() => Int)
  start: number;

  @Field(() => Int)
  end: number;
}

@ObjectType()
export class FormulaValidation {
  @Field()
  valid: boolean;

  @Field(() => String, { nullable: true, description: 'CEL type of the result.' })
  type: string | null;

  @Field(() => [FormulaProblemModel])
  problems: FormulaProblemModel[];
}

@ObjectType()
export class FormulaVariable {
  @Field({ description: 'How the formula names it: `rooms`, `extra.income`, `m.age`, `m.extra.schooling`.' })
  name: string;

  @Field()
  type: string;

  @Field({ description: 'HOUSEHOLD or MEMBER (inside members.filter/exists/all).' })
  scope: string;
}

@ObjectType()
export class HistogramBar {
  @Field(() => Float)
  from: number;

  @Field(() => Float)
  to: number;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class TermValue {
  @Field()
  source: string;

  @Field(() => Float, { nullable: true })
  value: number | null;
}

@ObjectType()
export class PreviewHousehold {
  @Field(() => ID)
  householdId: string;

  @Field()
  code: string;

  @Field(() => Float, { nullable: true, description: 'Null when the formula fails for this household.' })
  score: number | null;

  @Field(() => Boolean, { nullable: true })
  passes: boolean | null;

  @Field(() => [TermValue])
  terms: TermValue[];
}

@ObjectType()
export class FormulaPreview {
  @Field(() => Int, { description: 'Households of the programme coverage within the caller\'s areas.' })
  households: number;

  @Field(() => Int, { description: 'Criteria: households that pass. Scores: households with a score.' })
  passing: number;

  @Field(() => Int, { description: 'Households for which the formula fails (missing value, division by zero...).' })
  errors: number;

  @Field(() => [HistogramBar])
  histogram: HistogramBar[];

  @Field(() => [PreviewHousehold])
  sample: PreviewHousehold[];
}

@ObjectType({ description: 'A household the formula could not score, and why.' })
export class ScoringError {
  @Field(() => ID)
  householdId: string;

  @Field()
  code: string;

  @Field(() => String, { nullable: true, description: 'The first term that cannot be computed (a missing value, a division by zero, a log of zero or less, a number out of range); null when the formula is a single term.' })
  term: string | null;

  @Field(() => Int)
  formulaVersion: number;
}

@ObjectType()
export class ScoringErrors {
  @Field(() => Int)
  total: number;

  @Field(() => [ScoringError])
  households: ScoringError[];
}

@ObjectType({ description: 'One household in an enrolment run: its rank, outcome and why.' })
export class EnrolmentProposal {
  @Field(() => ID)
  householdId: string;

  @Field()
  code: string;

  @Field(() => String, { nullable: true })
  headName: string | null;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => Int, { nullable: true, description: 'Rank among eligible households (1 = first served).' })
  rank: number | null;

  @Field()
  outcome: string;

  @Field({ description: 'NOT_ASSESSED, SCORE_ABOVE_THRESHOLD, CRITERIA_NOT_MET, RANKED (enrolled), QUOTA, NO_QUOTA_AREA, PLACES, BUDGET.' })
  reason: string;

  @Field(() => Float)
  cost: number;
}

@ObjectType()
export class EnrolmentProposalPage {
  @Field(() => Int)
  total: number;

  @Field(() => [EnrolmentProposal])
  rows: EnrolmentProposal[];
}

@ObjectType()
export class WaitlistPromotion {
  @Field(() => Int)
  promoted: number;

  @Field(() => Int, { nullable: true, description: 'Places that were free before the promotion (null: no maximum).' })
  places: number | null;

  @Field(() => Float, { nullable: true, description: 'Budget that was left before the promotion (null: no budget).' })
  budget: number | null;
}
