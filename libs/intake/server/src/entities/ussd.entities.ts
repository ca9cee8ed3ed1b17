import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UssdQuestion } from '../ussd/ussd-menu';

/** The USSD menu of a programme: area choices start under `rootArea`, then the programme's questions. */
@ObjectType('IntakeUssdFlow')
@Audited()
@Entity({ schema: 'intake', name: 'ussd_flow' })
export class UssdFlow extends CoreEntity {
  @Field({ description: 'The programme code in the callback URL.' })
  @Column({ name: 'program_code', type: 'varchar', length: 50 })
  programCode: string;

  @Field(() => GraphQLJSON, { description: 'Programme name by language: { en, fr, pt }.' })
  @Column({ type: 'jsonb' })
  title: Record<string, string>;

  @Field(() => ID)
  @Column({ name: 'root_area_id', type: 'uuid' })
  rootAreaId: string;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb', default: () => `'[]'` })
  questions: UssdQuestion[];

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;
}

/** One USSD session (Africa's Talking sessionId), kept in PostgreSQL so any API replica can serve the next step. */
@Entity({ schema: 'intake', name: 'ussd_session' })
export class UssdSession {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 100 })
  sessionId: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ name: 'program_code', type: 'varchar', length: 50 })
  programCode: string;

  @Column({ name: 'last_text', type: 'text' })
  lastText: string;

  @Column({ name: 'last_reply', type: 'text' })
  lastReply: string;

  @Column({ name: 'ended', type: 'boolean', default: false })
  ended: boolean;

  @Column({ name: 'submission_id', type: 'uuid', nullable: true })
  submissionId: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
