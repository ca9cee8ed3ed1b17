import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';
import { SubmissionSource, SubmissionStatus } from '../intake-vocabulary';
import type { StagedHousehold, SubmissionIssue } from '../mapping/form-mapping';

/**
 * One submission as received (raw JSON, kept as it came) and as staged for the registry (mapped,
 * corrected, checked). Idempotent on (connector, uuid): the uuid is the first instance id of the
 * submission, and edits (KoBo meta/deprecatedID, ODK __id) update the same row.
 */
@ObjectType('IntakeSubmission')
@Audited({ ignore: ['raw'] })
@Entity({ schema: 'intake', name: 'submission' })
export class Submission extends CoreEntity {
  @Field(() => ID, { nullable: true })
  @Column({ name: 'connector_id', type: 'uuid', nullable: true })
  connectorId: string | null;

  @Field(() => SubmissionSource)
  @Column({ type: 'varchar', length: 10 })
  source: SubmissionSource;

  @Field({ description: 'The submission\'s first instance id (stable across edits).' })
  @Column({ type: 'varchar', length: 200 })
  uuid: string;

  /** The server's own id, stable across edits (KoBo `_id`, ODK `__id`). */
  @Column({ name: 'source_id', type: 'varchar', length: 200, nullable: true })
  sourceId: string | null;

  @Field({ description: 'The instance id of the version last received.' })
  @Column({ name: 'instance_id', type: 'varchar', length: 200 })
  instanceId: string;

  @Column({ name: 'instance_ids', type: 'text', array: true })
  instanceIds: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb' })
  raw: Record<string, unknown>;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb' })
  data: StagedHousehold;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb', default: () => `'[]'` })
  issues: SubmissionIssue[];

  @Field(() => SubmissionStatus)
  @Column({ type: 'varchar', length: 10 })
  status: SubmissionStatus;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  /** Registry individuals created from the members, by member index. */
  @Column({ name: 'member_ids', type: 'jsonb', default: () => `'[]'` })
  memberIds: (string | null)[];

  @Field(() => String, { nullable: true })
  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'program_code', type: 'varchar', length: 50, nullable: true })
  programCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Field(() => Boolean, { description: 'Set when an edit arrived after the submission was accepted.' })
  @Column({ name: 'edited_after_accept', type: 'boolean', default: false })
  editedAfterAccept: boolean;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
