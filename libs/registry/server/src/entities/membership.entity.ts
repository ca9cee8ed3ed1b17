import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { RecipientRole, Relationship } from '../registry-vocabulary';

/** One period during which an individual belonged to a household with a given relationship and role. */
@ObjectType()
@Entity({ schema: 'registry', name: 'membership' })
export class Membership extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Field(() => ID)
  @Column({ name: 'individual_id', type: 'uuid' })
  individualId: string;

  @Field(() => Relationship)
  @Column({ type: 'varchar', length: 20 })
  relationship: Relationship;

  @Field(() => RecipientRole, { nullable: true })
  @Column({ name: 'recipient_role', type: 'varchar', length: 10, nullable: true })
  recipientRole: RecipientRole | null;

  @Field(() => GraphQLISODateTime)
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'end_reason', type: 'varchar', length: 30, nullable: true })
  endReason: string | null;
}
