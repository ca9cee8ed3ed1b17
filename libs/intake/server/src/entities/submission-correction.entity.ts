import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** One field corrected in the cleaning queue (by hand or by a bulk rule), with who and when. */
@ObjectType('IntakeCorrection')
@Audited()
@Entity({ schema: 'intake', name: 'correction' })
export class SubmissionCorrection extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @Field({ description: 'Path in the staged record, e.g. household.areaCode or members.0.givenName.' })
  @Column({ type: 'varchar', length: 200 })
  field: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ name: 'old_value', type: 'jsonb', nullable: true })
  oldValue: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ name: 'new_value', type: 'jsonb', nullable: true })
  newValue: unknown;

  @Field(() => String, { nullable: true, description: 'The bulk rule that made it, or null for a correction by hand.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  rule: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'corrected_by', type: 'uuid', nullable: true })
  correctedBy: string | null;
}
