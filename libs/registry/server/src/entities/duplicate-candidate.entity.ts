import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

export enum DuplicateStatus {
  PENDING = 'PENDING',
  DUPLICATE = 'DUPLICATE',
  NOT_DUPLICATE = 'NOT_DUPLICATE',
  POSTPONED = 'POSTPONED',
}
registerEnumType(DuplicateStatus, { name: 'DuplicateStatus' });

/** What one field contributed to a pair's match weight (log2 of m/u at the pair's level of agreement). */
@ObjectType()
export class DuplicateContribution {
  @Field({ description: 'givenName, familyName, birthDate, sex, phone, document, area, household.' })
  field: string;

  @Field({ description: 'Level of agreement: exact, close, initial, yearOnly, slip, near, same, parent, different, missing…' })
  level: string;

  @Field(() => Float, { description: 'log2(m/u): positive for evidence of the same person, negative against, 0 when missing.' })
  weight: number;
}

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

  @Field(() => [DuplicateContribution], { description: 'Per-field contributions to the match weight, as the model scored the pair.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  contributions: DuplicateContribution[];

  @Field(() => Float, { nullable: true, description: 'Sum of the contributions (log2 Bayes factor); the score is the match probability it gives with the model’s prior.' })
  @Column({ name: 'match_weight', type: 'numeric', precision: 8, scale: 2, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  matchWeight: number | null;

  @Field(() => Int, { nullable: true, description: 'Version of the duplicate model that scored the pair.' })
  @Column({ name: 'model_version', type: 'integer', nullable: true })
  modelVersion: number | null;

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
