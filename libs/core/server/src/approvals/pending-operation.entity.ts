import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { CoreEntity } from '../database/base.entity';
import { GraphQLJSON } from '../graphql/json.scalar';
import { ApprovalLevel } from './approval-flow.entity';

export enum PendingOperationStatus {
  PENDING = 'PENDING',
  /** The last level approved; the operation is running (a row left here means the process died while it ran). */
  EXECUTING = 'EXECUTING',
  EXECUTED = 'EXECUTED',
  FAILED = 'FAILED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PendingOperationStatus, { name: 'PendingOperationStatus' });

/** The maker's rights when they made the request; the operation runs with them once approved. */
export interface MakerSnapshot {
  roles: string[];
  permissions: string[];
  areaPaths: string[] | null;
}

/** An error kept for the maker: translated when read, in the reader's language. */
export interface StoredError {
  code: string;
  messageKey: string;
  args?: Record<string, unknown>;
  fieldErrors?: { field: string; key: string; args?: Record<string, unknown> }[];
}

/**
 * A maker's request waiting for approval (the command-source model of Apache Fineract): the full
 * payload as the GraphQL arguments, its hash, and where it stands in the approval levels.
 */
@ObjectType()
@Entity({ schema: 'core', name: 'pending_operation' })
export class PendingOperation extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 100 })
  operation: string;

  /** Not loaded by default (an import carries a whole CSV file): exposed by a field resolver when asked for. */
  @Column({ type: 'jsonb', select: false })
  payload: Record<string, unknown>;

  @Field({ description: 'SHA-256 of the canonical JSON of the payload, checked before the operation runs.' })
  @Column({ name: 'payload_hash', type: 'text' })
  payloadHash: string;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field(() => ID, { nullable: true, description: 'Null when the request was made without a signed-in user.' })
  @Column({ name: 'maker_id', type: 'uuid', nullable: true })
  makerId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'maker_username', type: 'text', nullable: true })
  makerUsername: string | null;

  @Column({ name: 'maker_actor', type: 'jsonb', nullable: true })
  makerActor: MakerSnapshot | null;

  @Field(() => PendingOperationStatus)
  @Column({ type: 'varchar', length: 16 })
  status: PendingOperationStatus;

  @Field(() => Int, { description: 'The level waiting for decisions, from 1.' })
  @Column({ name: 'current_level', type: 'int', default: 1 })
  currentLevel: number;

  @Field(() => [ApprovalLevel], { description: 'The levels of the flow as they were when the request was made.' })
  @Column({ type: 'jsonb' })
  levels: ApprovalLevel[];

  @Field(() => GraphQLJSON, { nullable: true, description: 'What the operation returned, once executed.' })
  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  /** JSON of a StoredError; exposed translated as `error`. */
  @Column({ name: 'error', type: 'text', nullable: true })
  errorDetail: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason: string | null;
}
