import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, CoreEntity, GraphQLJSON } from '@coremis/core';
import { Column, Entity } from 'typeorm';

const numericColumn = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

export enum EnrolmentRunStatus {
  /** Queued or being computed by its job. */
  COMPUTING = 'COMPUTING',
  /** Computed, waiting to be applied (under the programme's approval rule). */
  PROPOSED = 'PROPOSED',
  /** Beneficiaries changed status. */
  APPLIED = 'APPLIED',
  CANCELLED = 'CANCELLED',
  /** The computation refused the request (a quota larger than its candidates...): see `failure`. Nothing was kept. */
  FAILED = 'FAILED',
}
registerEnumType(EnrolmentRunStatus, { name: 'EnrolmentRunStatus' });

/** Order among equal scores; each maps to a fixed SQL expression in the service (never user text). */
export enum EnrolmentTieBreaker {
  MORE_CHILDREN_UNDER_FIVE = 'MORE_CHILDREN_UNDER_FIVE',
  OLDER_HEAD = 'OLDER_HEAD',
  EARLIER_REGISTRATION = 'EARLIER_REGISTRATION',
  LARGER_HOUSEHOLD = 'LARGER_HOUSEHOLD',
}
registerEnumType(EnrolmentTieBreaker, { name: 'EnrolmentTieBreaker' });

export enum EnrolmentOutcome {
  ENROLLED = 'ENROLLED',
  WAITLISTED = 'WAITLISTED',
  INELIGIBLE = 'INELIGIBLE',
}
registerEnumType(EnrolmentOutcome, { name: 'EnrolmentOutcome' });

@ObjectType({ description: 'A place limit for the households of one area (and the areas below it).' })
export class EnrolmentQuota {
  @Field(() => ID)
  areaId: string;

  @Field(() => Int)
  places: number;
}

/**
 * One enrolment round of a programme: the ranked proposal (ENROLLED / WAITLISTED / INELIGIBLE per household)
 * and its funnel; beneficiaries change only when the run is applied (under maker-checker).
 */
@ObjectType()
@Audited()
@Entity({ schema: 'targeting', name: 'enrolment_run' })
export class EnrolmentRun extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => ID)
  @Column({ name: 'formula_id', type: 'uuid' })
  formulaId: string;

  @Field(() => ID, { nullable: true, description: 'The targeting round whose passers the run took.' })
  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId: string | null;

  @Field(() => Int)
  @Column({ name: 'formula_version', type: 'integer' })
  formulaVersion: number;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'criteria_formula_id', type: 'uuid', nullable: true })
  criteriaFormulaId: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'criteria_version', type: 'integer', nullable: true })
  criteriaVersion: number | null;

  @Field(() => Float, { nullable: true, description: 'Households scoring above it are not eligible (a PMT score estimates welfare: lower ranks first).' })
  @Column({ name: 'max_score', type: 'double precision', nullable: true })
  maxScore: number | null;

  @Field(() => [EnrolmentTieBreaker])
  @Column({ name: 'tie_breakers', type: 'text', array: true })
  tieBreakers: EnrolmentTieBreaker[];

  @Field(() => [EnrolmentQuota])
  @Column({ type: 'jsonb' })
  quotas: EnrolmentQuota[];

  @Field(() => EnrolmentRunStatus)
  @Column({ type: 'varchar', length: 12 })
  status: EnrolmentRunStatus;

  @Field(() => Int, { nullable: true, description: 'Places left under the programme maximum when the run was computed.' })
  @Column({ type: 'integer', nullable: true })
  places: number | null;

  @Field(() => Float, { nullable: true, description: 'Budget left when the run was computed.' })
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true, transformer: numericColumn })
  budget: number | null;

  @Field(() => Float)
  @Column({ name: 'budget_used', type: 'numeric', precision: 18, scale: 2, transformer: numericColumn })
  budgetUsed: number;

  @Field(() => Int, { description: 'Funnel: households of the coverage in the requester\'s areas, not already active beneficiaries.' })
  @Column({ type: 'integer' })
  registered: number;

  @Field(() => Int, { description: 'Funnel: of those, the ones with a score of the formula\'s version.' })
  @Column({ type: 'integer' })
  assessed: number;

  @Field(() => Int, { description: 'Funnel: of those, the ones under the threshold that meet the criteria.' })
  @Column({ type: 'integer' })
  eligible: number;

  @Field(() => Int, { description: 'Funnel: of those, the ones the quotas, places and budget take.' })
  @Column({ type: 'integer' })
  enrolled: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  waitlisted: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  ineligible: number;

  @Field(() => GraphQLJSON, { description: 'Per quota area: { areaId, places, eligible, enrolled }.' })
  @Column({ name: 'by_area', type: 'jsonb' })
  byArea: { areaId: string; places: number; eligible: number; enrolled: number }[];

  @Field(() => ID, { nullable: true })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'applied_by', type: 'uuid', nullable: true })
  appliedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The job computing the run (its progress while COMPUTING).' })
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  /** Why the computation refused the run: a message key and its arguments (translated when read). */
  @Column({ type: 'jsonb', nullable: true })
  failure: { key: string; args: Record<string, unknown> } | null;

  /** The starter's areas: the run ranks the households in them. */
  @Column({ name: 'scope_paths', type: 'text', array: true, nullable: true })
  scopePaths: string[] | null;
}
