import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

export enum StageKind {
  /** Who enters the round: by a criterion, by an uploaded list of household codes, or everyone in the coverage. */
  INTAKE = 'INTAKE',
  /** A score formula's stored scores (of its current version), optionally under a threshold. */
  PMT = 'PMT',
  /** A criterion formula the households must meet. */
  CATEGORICAL = 'CATEGORICAL',
  /** Validators approve or reject each household (village lists, PDF, CSV). */
  COMMUNITY_VALIDATION = 'COMMUNITY_VALIDATION',
  /** The best-ranked households by the last PMT score, up to a number of places. */
  RANKING = 'RANKING',
}
registerEnumType(StageKind, { name: 'StageKind' });

export enum StageOutcomeStatus {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  PENDING = 'PENDING',
}
registerEnumType(StageOutcomeStatus, { name: 'StageOutcomeStatus' });

export enum RoundStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RoundStatus, { name: 'RoundStatus' });

@ObjectType({ description: 'One stage of a workflow version.' })
export class WorkflowStage {
  @Field(() => StageKind)
  kind: StageKind;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true, description: 'PMT: the score formula; INTAKE / CATEGORICAL: the criterion formula.' })
  formulaId?: string | null;

  @Field(() => Float, { nullable: true, description: 'PMT: households scoring above it fail.' })
  maxScore?: number | null;

  @Field(() => Int, { nullable: true, description: 'RANKING: places.' })
  places?: number | null;
}

/** A saved version of a programme's targeting workflow; never changed: an edit saves a new number. */
@ObjectType()
@Audited()
@Entity({ schema: 'targeting', name: 'workflow_version' })
export class WorkflowVersion extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  number: number;

  @Field(() => [WorkflowStage])
  @Column({ type: 'jsonb' })
  stages: WorkflowStage[];

  @Field(() => ID, { nullable: true })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}

@ObjectType({ description: 'When a stage of a round was evaluated, with the formula version it used.' })
export class StageRun {
  @Field(() => Int)
  stage: number;

  @Field(() => Int, { nullable: true })
  formulaVersion: number | null;

  @Field()
  evaluatedAt: string;
}

/** A cohort of households moving through the stages of the workflow version the round started with. */
@ObjectType()
@Audited()
@Entity({ schema: 'targeting', name: 'targeting_round' })
export class TargetingRound extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Field(() => ID)
  @Column({ name: 'workflow_version_id', type: 'uuid' })
  workflowVersionId: string;

  @Field(() => Int, { description: 'The workflow version this round follows, whatever edits came after.' })
  @Column({ name: 'workflow_number', type: 'integer' })
  workflowNumber: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  number: number;

  @Field(() => RoundStatus)
  @Column({ type: 'varchar', length: 10 })
  status: RoundStatus;

  @Field(() => Int, { description: 'Index of the stage last evaluated (the one waiting for decisions when it is a community validation).' })
  @Column({ name: 'current_stage', type: 'integer' })
  currentStage: number;

  @Column({ name: 'intake_codes', type: 'text', array: true, nullable: true })
  intakeCodes: string[] | null;

  @Field(() => [StageRun])
  @Column({ name: 'stage_runs', type: 'jsonb' })
  stageRuns: StageRun[];

  /** The starter's areas: the cohort and the later stages stay inside them. */
  @Column({ name: 'scope_paths', type: 'text', array: true, nullable: true })
  scopePaths: string[] | null;

  /** The last job evaluating the round's stages (a durable job: start and advance only queue it). */
  @Column({ name: 'evaluation_job_id', type: 'uuid', nullable: true })
  evaluationJobId: string | null;

  /** Why the last evaluation stopped on a refusal (a formula that no longer compiles...): a message key and its arguments. */
  @Column({ name: 'evaluation_failure', type: 'jsonb', nullable: true })
  evaluationFailure: { key: string; args: Record<string, unknown> } | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
