import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';

export enum ChangeRecordType {
  HOUSEHOLD = 'HOUSEHOLD',
  INDIVIDUAL = 'INDIVIDUAL',
}
export enum DataChangeStatus {
  /** Waiting for its approvals (or, without an approval flow, for a checker holding grm.changes.apply). */
  PENDING = 'PENDING',
  APPLIED = 'APPLIED',
  /** The record changed after the request was made: nothing was overwritten. */
  STALE = 'STALE',
  REJECTED = 'REJECTED',
}
registerEnumType(ChangeRecordType, { name: 'ChangeRecordType' });
registerEnumType(DataChangeStatus, { name: 'DataChangeStatus' });

@ObjectType()
export class DataChangeField {
  @Field()
  field: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value when the request was made.' })
  oldValue: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  newValue: unknown;
}

/** A proposed change of fields of one household or individual, applied only once approved. */
@ObjectType()
@Audited()
@Entity({ schema: 'grm', name: 'data_change_request' })
export class DataChangeRequest extends CoreEntity {
  @Field(() => ChangeRecordType)
  @Column({ name: 'record_type', type: 'varchar', length: 20 })
  recordType: ChangeRecordType;

  @Field(() => ID)
  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @Field(() => String, { description: 'The household code or the person\'s name when the request was made.' })
  @Column({ name: 'record_label', type: 'varchar', length: 250 })
  recordLabel: string;

  @Field(() => ID, { nullable: true, description: 'The household (of the person), for the household page.' })
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => Int, { description: 'The record\'s version when the request was made.' })
  @Column({ name: 'record_version', type: 'integer' })
  recordVersion: number;

  @Field(() => [DataChangeField])
  @Column({ type: 'jsonb' })
  changes: DataChangeField[];

  @Field(() => String)
  @Column({ type: 'text' })
  reason: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId: string | null;

  @Field(() => DataChangeStatus)
  @Column({ type: 'varchar', length: 20 })
  status: DataChangeStatus;

  @Field(() => ID, { nullable: true, description: 'The approval request, when an approval flow is enabled.' })
  @Column({ name: 'pending_operation_id', type: 'uuid', nullable: true })
  pendingOperationId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'requested_by_id', type: 'uuid', nullable: true })
  requestedById: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'requested_by', type: 'varchar', length: 150, nullable: true })
  requestedBy: string | null;

  @Field(() => [String], { description: 'Fields found changed since the request was made (status STALE).' })
  @Column({ name: 'stale_fields', type: 'text', array: true, default: () => `'{}'` })
  staleFields: string[];

  @Field(() => String, { nullable: true, description: 'Why a checker refused it (without an approval flow).' })
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
