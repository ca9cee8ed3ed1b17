import { Field, Float, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

export enum DuplicateStatus {
  PENDING = 'PENDING',
  DUPLICATE = 'DUPLICATE',
  NOT_DUPLICATE = 'NOT_DUPLICATE',
  POSTPONED = 'POSTPONED',
}
registerEnumType(DuplicateStatus, { name: 'DuplicateStatus' });

/** A pair of individuals that may be the same person; `individualAId` < `individualBId`. */
@ObjectType()
@Audited()
@Entity({ schema: 'registry', name: 'duplicate_candidate' })
export class DuplicateCandidate extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'individual_a_id', type: 'uuid' })
  individualAId: string;

  @Field(() => ID)
  @Column({ name: 'individual_b_id', type: 'uuid' })
  individualBId: string;

  @Field(() => Float)
  @Column({ type: 'numeric', precision: 5, scale: 4, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  score: number;

  @Field(() => [String], { description: 'Fields that matched: document, phone, name, birthDate, sex, area.' })
  @Column({ type: 'text', array: true })
  matched: string[];

  @Field(() => DuplicateStatus)
  @Column({ type: 'varchar', length: 20, default: DuplicateStatus.PENDING })
  status: DuplicateStatus;

  @Field({ description: 'RUN (a registry-wide detection) or IMPORT (an import batch checked against the registry).' })
  @Column({ type: 'varchar', length: 20 })
  source: string;

  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ name: 'area_path', type: 'text' })
  areaPath: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
