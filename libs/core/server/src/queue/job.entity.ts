import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { CoreEntity } from '../database/base.entity';
import { GraphQLJSON } from '../graphql/json.scalar';

export enum JobStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(JobStatus, { name: 'JobStatus' });

/** A unit of background work; the same row is driven by BullMQ or by the in-process runner. */
@ObjectType()
@Entity({ schema: 'core', name: 'job' })
export class Job extends CoreEntity {
  @Field()
  @Column()
  queue: string;

  @Field()
  @Column()
  name: string;

  @Field(() => JobStatus)
  @Column({ type: 'varchar', length: 16 })
  status: JobStatus;

  @Field(() => Float)
  @Column({ type: 'real', default: 0 })
  progress: number;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Field(() => String, { nullable: true })
  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { description: 'Runs started so far: more than 1 when the job was retried or taken over after a crash.' })
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a retry is due (QUEUED after a failed or interrupted attempt).' })
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** What the processor saved to resume from (not exposed: it may hold working data). */
  @Column({ type: 'jsonb', nullable: true, select: false })
  checkpoint: unknown;

  /** The outbox mark: when the row was last handed to the transport (null: not yet). */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  /** The request that queued the job, for following it in the logs. */
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  /** The creator's area paths when the job was queued (null: unrestricted or unknown). */
  @Column({ name: 'creator_area_paths', type: 'text', array: true, nullable: true })
  creatorAreaPaths: string[] | null;
}
