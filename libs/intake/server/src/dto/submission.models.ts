import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
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
