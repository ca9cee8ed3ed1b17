import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON } from '@coremis/core';
import { Submission } from '../entities/submission.entity';

@ObjectType('IntakeSubmissionConnection')
export class SubmissionConnection extends Connection(Submission) {}

@ObjectType('IntakeRuleChange')
export class RuleChange {
  @Field(() => ID)
  submissionId: string;

  @Field()
  field: string;

  @Field(() => GraphQLJSON, { nullable: true })
  oldValue: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  newValue: unknown;
}

@ObjectType('IntakeRulePreview')
export class RulePreview {
  @Field(() => Int, { description: 'Submissions the rule changes.' })
  submissions: number;

  @Field(() => Int, { description: 'Fields the rule changes.' })
  fields: number;

  @Field(() => [RuleChange], { description: 'The first 50 changes.' })
  sample: RuleChange[];
}

@ObjectType('IntakeFieldContribution')
export class FieldContribution {
  @Field()
  field: string;

  @Field({ description: 'Level of agreement (exact, close, missing...).' })
  level: string;

  @Field(() => Float, { description: 'Weight log2(m/u) of that level.' })
  weight: number;
}

@ObjectType('IntakeLikelyDuplicate', { description: 'A registered person a member of the submission may be, by the registry\'s duplicate model.' })
export class LikelyDuplicate {
  @Field(() => Int, { description: 'Index of the member in the submission.' })
  member: number;

  @Field(() => ID)
  individualId: string;

  @Field(() => Boolean, { description: 'False when the person is outside the caller\'s areas: only the score and why are shown.' })
  visible: boolean;

  @Field(() => String, { nullable: true })
  givenName: string | null;

  @Field(() => String, { nullable: true })
  familyName: string | null;

  @Field(() => String, { nullable: true })
  birthDate: string | null;

  @Field(() => ID, { nullable: true })
  householdId: string | null;

  @Field(() => String, { nullable: true })
  householdCode: string | null;

  @Field(() => Float, { description: 'Match probability from the model (0..1).' })
  score: number;

  @Field(() => Float)
  matchWeight: number;

  @Field(() => [String], { description: 'Fields that agree (document, phone, name, birthDate, sex, area, household).' })
  matched: string[];

  @Field(() => [FieldContribution])
  contributions: FieldContribution[];
}
