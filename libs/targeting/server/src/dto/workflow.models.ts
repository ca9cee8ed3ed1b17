import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { StageKind, StageOutcomeStatus } from '../entities/workflow.entity';

@ObjectType()
export class StageCount {
  @Field(() => Int)
  stage: number;

  @Field(() => StageKind)
  kind: StageKind;

  @Field()
  name: string;

  @Field(() => Int)
  passed: number;

  @Field(() => Int)
  failed: number;

  @Field(() => Int)
  pending: number;
}

@ObjectType()
export class AreaFunnel {
  @Field(() => ID)
  areaId: string;

  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => Int)
  households: number;

  @Field(() => [StageCount])
  stages: StageCount[];
}

@ObjectType({ description: 'Counts per stage of a round (households in the caller\'s areas), overall and per area.' })
export class RoundFunnel {
  @Field(() => Int, { description: 'Households that entered the round.' })
  households: number;

  @Field(() => [StageCount])
  stages: StageCount[];

  @Field(() => [AreaFunnel])
  byArea: AreaFunnel[];
}

@ObjectType()
export class StageOutcomeRow {
  @Field(() => ID)
  householdId: string;

  @Field()
  code: string;

  @Field(() => String, { nullable: true })
  headName: string | null;

  @Field(() => Int)
  members: number;

  @Field(() => String, { nullable: true })
  areaName: string | null;

  @Field(() => StageOutcomeStatus)
  status: StageOutcomeStatus;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}

@ObjectType()
export class StageOutcomePage {
  @Field(() => Int)
  total: number;

  @Field(() => [StageOutcomeRow])
  rows: StageOutcomeRow[];
}

@ObjectType()
export class ValidationResult {
  @Field(() => Int)
  approved: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Int, { description: 'Households of the round still pending at the validation stage (in the caller\'s areas).' })
  pending: number;
}
