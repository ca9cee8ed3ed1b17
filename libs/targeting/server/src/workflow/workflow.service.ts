import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { AppError, AuditService, conflict, forbidden, invalidField, type Job, JobCancelledError, type JobContext, JobFailure, JobService, JobStatus, type Language, notFound, RequestContext, Translator } from '@coremis/core';
import { Program as ProgramEntity, ProgramService, ProgramStatus, TargetUnit, type Program } from '@coremis/programs';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { RoundFunnelArgs, SaveWorkflowInput, StageOutcomesArgs, StartRoundInput } from '../dto/workflow.inputs';
import type { RoundFunnel, StageCount, StageOutcomePage } from '../dto/workflow.models';
import { Formula, FormulaKind } from '../entities/formula.entity';
import { RoundStatus, StageKind, StageOutcomeStatus, TargetingRound, type WorkflowStage, WorkflowVersion } from '../entities/workflow.entity';
import { FormulaService, HOUSEHOLDS_IN_SCOPE } from '../formula.service';

const UNIQUE_VIOLATION = '23505';
export const ROUND_QUEUE = 'targeting.round';

/** `$n::text[]` NULL (unrestricted) or one of its paths a prefix of `column`. */
export const inPaths = (column: string, param: number) =>
  `($${param}::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($${param}::text[]) u(path) WHERE starts_with(${column}, u.path)))`;

/**
 * Targeting workflows and rounds. A workflow is saved as immutable numbered versions; a round keeps the version it
 * started with. Its cohort (the programme's households in the starter's areas that are not already active
 * beneficiaries) moves through the stages: each stage is one set-based INSERT of an outcome per household that passed
 * the stage before (PASSED / FAILED with a reason / PENDING for community validation). Automatic stages run one after
 * the other; a community validation stage waits until no household is pending.
 */
@Injectable()
export class WorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramService,
    private readonly formulas: FormulaService,
    private readonly areas: AdminAreaService,
    private readonly audit: AuditService,
    private readonly jobs: JobService,
    private readonly translator: Translator,
  ) {}

  /** The versions of a programme's workflow, newest first (empty when the programme is outside the caller's areas). */
  async versions(programId: string): Promise<WorkflowVersion[]> {
    if (!(await this.programs.findById(programId))) return [];
    return this.dataSource.manager.find(WorkflowVersion, { where: { programId }, order: { number: 'DESC' } });
  }

  async save(input: SaveWorkflowInput): Promise<WorkflowVersion> {
    return this.dataSource.transaction(async (em) => {
      const program = await this.programs.loadForChange(em, input.programId);
      if (program.targetUnit !== TargetUnit.HOUSEHOLD) throw invalidField('programId', 'targeting.errors.householdProgrammesOnly', { code: program.code });
      const stages: WorkflowStage[] = [];
      let scored = false;
      for (const [i, s] of input.stages.entries()) {
        const stage: WorkflowStage = { kind: s.kind, name: s.name.trim(), formulaId: null, maxScore: null, places: null };
        if (!stage.name) throw invalidField(`stages.${i}.name`, 'targeting.workflow.nameRequired');
        if (s.kind === StageKind.INTAKE && i !== 0) throw invalidField(`stages.${i}.kind`, 'targeting.workflow.intakeFirst');
        if (s.kind === StageKind.PMT || s.kind === StageKind.CATEGORICAL || (s.kind === StageKind.INTAKE && s.formulaId)) {
          const kind = s.kind === StageKind.PMT ? FormulaKind.SCORE : FormulaKind.CRITERIA;
          if (!s.formulaId) throw invalidField(`stages.${i}.formulaId`, 'targeting.workflow.formulaRequired');
          const formula = await em.findOneBy(Formula, { id: s.formulaId, programId: program.id });
          if (!formula) throw invalidField(`stages.${i}.formulaId`, 'targeting.errors.notFound');
          if (formula.kind !== kind) throw invalidField(`stages.${i}.formulaId`, kind === FormulaKind.SCORE ? 'targeting.errors.notScore' : 'targeting.errors.notCriteria');
          stage.formulaId = formula.id;
        }
        if (s.kind === StageKind.PMT) {
          stage.maxScore = s.maxScore ?? null;
          scored = true;
        }
        if (s.kind === StageKind.RANKING) {
          if (!scored) throw invalidField(`stages.${i}.kind`, 'targeting.workflow.rankingNeedsScore');
          if (!s.places) throw invalidField(`stages.${i}.places`, 'targeting.workflow.placesRequired');
          stage.places = s.places;
        }
        stages.push(stage);
      }
      const [{ n }] = (await em.query(`SELECT coalesce(max(number), 0)::int AS n FROM targeting.workflow_version WHERE program_id = $1`, [program.id])) as { n: number }[];
      // a new version each time: rounds already running keep theirs
      return em.save(em.create(WorkflowVersion, { programId: program.id, number: n + 1, stages, createdBy: RequestContext.actor()?.userId ?? null }));
    });
  }

  async rounds(programId: string): Promise<TargetingRound[]> {
    if (!(await this.programs.findById(programId))) return [];
    return this.dataSource.manager.find(TargetingRound, { where: { programId }, order: { number: 'DESC' } });
  }

  async findRound(id: string, em: EntityManager = this.dataSource.manager): Promise<TargetingRound | null> {
    const round = await em.findOneBy(TargetingRound, { id });
    if (!round || !(await this.programs.findById(round.programId, em))) return null;
    return round;
  }

  async roundWorkflow(round: TargetingRound, em: EntityManager = this.dataSource.manager): Promise<WorkflowVersion> {
    return em.findOneByOrFail(WorkflowVersion, { id: round.workflowVersionId });
  }

  /**
   * Starts a round on the latest workflow version: checks that its automatic stages can run, then queues the job that
   * takes the cohort and evaluates them up to the first community validation.
   */
  async start(input: StartRoundInput): Promise<TargetingRound> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const program = await this.programs.loadForChange(em, input.programId);
        if (program.status !== ProgramStatus.ACTIVE) throw conflict('programs.errors.programNotActive', { code: program.code });
        const workflow = await em.findOne(WorkflowVersion, { where: { programId: program.id }, order: { number: 'DESC' } });
        if (!workflow) throw invalidField('programId', 'targeting.workflow.none', { code: program.code });
        const intake = workflow.stages[0].kind === StageKind.INTAKE && !workflow.stages[0].formulaId;
        const codes = input.intakeCodes?.map((c) => c.trim()).filter(Boolean) ?? null;
        if (codes?.length && !intake) throw invalidField('intakeCodes', 'targeting.workflow.noListIntake');
        await this.checkStages(em, workflow.stages, 0, program);
        const [{ n }] = (await em.query(`SELECT coalesce(max(number), 0)::int AS n FROM targeting.targeting_round WHERE program_id = $1`, [program.id])) as { n: number }[];
        let round = em.create(TargetingRound, {
          programId: program.id,
          workflowVersionId: workflow.id,
          workflowNumber: workflow.number,
          number: n + 1,
          status: RoundStatus.RUNNING,
          currentStage: -1,
          intakeCodes: codes?.length ? codes : null,
          stageRuns: [],
          scopePaths: RequestContext.actor()?.areaPaths ?? null,
          evaluationJobId: null,
          evaluationFailure: null,
          createdBy: RequestContext.actor()?.userId ?? null,
        });
        round = await em.save(round);
        round = await this.queueEvaluation(em, round);
        await this.audit.record(em, { action: 'CREATE', entityType: 'TargetingRound', entityId: round.id, details: { programId: program.id, workflowVersion: workflow.number, number: round.number, jobId: round.evaluationJobId } });
        return round;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) throw conflict('targeting.workflow.roundRunning');
      throw error;
    }
  }

  /**
   * Moves a round on once its validation stage has no household pending: queues the job evaluating the stages after
   * it. Also how a round whose evaluation failed is taken up again (from the last stage that was committed).
   */
  async advance(roundId: string): Promise<TargetingRound> {
    return this.dataSource.transaction(async (em) => {
      const { round, program } = await this.roundForChange(em, roundId);
      const workflow = await this.roundWorkflow(round, em);
      const [{ pending }] = (await em.query(`SELECT count(*)::int AS pending FROM targeting.stage_outcome WHERE round_id = $1 AND stage = $2 AND status = 'PENDING'`, [round.id, round.currentStage])) as { pending: number }[];
      if (pending > 0) throw conflict('targeting.workflow.stagePending', { count: pending });
      await this.checkStages(em, workflow.stages, round.currentStage + 1, program);
      const next = await this.queueEvaluation(em, round);
      await this.audit.record(em, { action: 'UPDATE', entityType: 'TargetingRound', entityId: round.id, details: { operation: 'advance', fromStage: round.currentStage, jobId: next.evaluationJobId } });
      return next;
    });
  }

  /** True while the round's evaluation job is queued or running. */
  async evaluating(round: TargetingRound, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (!round.evaluationJobId) return false;
    const [job] = (await em.query(`SELECT status FROM core.job WHERE id = $1`, [round.evaluationJobId])) as { status: string }[];
    return job?.status === JobStatus.QUEUED || job?.status === JobStatus.RUNNING;
  }

  /** The round's evaluation job (status, progress, failure), for a round the caller may see. */
  async evaluation(round: TargetingRound): Promise<Job | null> {
    return round.evaluationJobId ? this.jobs.findById(round.evaluationJobId) : null;
  }

  /** Why the round's last evaluation failed, in the caller's language (null while it runs or when it did not fail). */
  async evaluationFailure(round: TargetingRound): Promise<string | null> {
    const lang = (RequestContext.current()?.lang ?? 'en') as Language;
    if (round.evaluationFailure) return this.translator.translate(round.evaluationFailure.key, lang, round.evaluationFailure.args);
    const job = await this.evaluation(round);
    return job?.status === JobStatus.FAILED ? this.translator.translate('targeting.workflow.evaluationJobFailed', lang, { reason: job.errorMessage ?? '' }) : null;
  }

  private async queueEvaluation(em: EntityManager, round: TargetingRound): Promise<TargetingRound> {
    const job = await this.jobs.enqueue(ROUND_QUEUE, 'evaluate', { roundId: round.id }, { createdBy: RequestContext.actor()?.userId ?? null, manager: em });
    round.evaluationJobId = job.id;
    round.evaluationFailure = null;
    return em.save(round);
  }

  /**
   * What can be known before queuing: every automatic stage from `from` up to the next community validation has its
   * formula compiling against today's fields, and a PMT stage's formula has scores of its current version.
   */
  private async checkStages(em: EntityManager, stages: WorkflowStage[], from: number, program: Program): Promise<void> {
    for (let i = from; i < stages.length; i++) {
      const s = stages[i];
      if (s.kind === StageKind.COMMUNITY_VALIDATION && i > from) return;
      if (!s.formulaId) continue;
      const formula = await em.findOneByOrFail(Formula, { id: s.formulaId });
      if (s.kind === StageKind.PMT) {
        const [{ scored }] = (await em.query(`SELECT count(*)::int AS scored FROM targeting.household_score WHERE formula_id = $1 AND formula_version = $2`, [formula.id, formula.currentVersion])) as { scored: number }[];
        if (!scored) throw invalidField('programId', 'targeting.errors.notScored', { code: formula.code, version: formula.currentVersion });
      } else {
        this.formulas.compileOrThrow(await this.formulas.catalogue(em, program.id), formula.source, FormulaKind.CRITERIA, false, 2);
      }
    }
  }

  /**
   * The evaluation job: takes the cohort (the programme's households in the starter's areas that are not already
   * active beneficiaries) if the round has none yet, then evaluates one stage per transaction, each committing with
   * the round's current stage and the job's checkpoint, so that an attempt after a crash goes on from the last stage
   * committed and never evaluates one twice. Stops at a community validation with households pending.
   */
  async runEvaluation(job: JobContext<{ roundId: string }>): Promise<{ currentStage: number | null; status: RoundStatus | null }> {
    try {
      return await this.evaluateStages(job);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // a refusal (the data changed since the checks of the mutation): kept on the round, in the reader's language later
      const failure = { key: error.fieldErrors[0]?.key ?? error.messageKey, args: error.fieldErrors[0]?.args ?? error.args ?? {} };
      await this.dataSource.transaction(async (em) => {
        const round = await em.getRepository(TargetingRound).createQueryBuilder('r').where('r.id = :id', { id: job.payload.roundId }).setLock('pessimistic_write').getOne();
        if (!round || round.evaluationJobId !== job.id) return;
        round.evaluationFailure = failure;
        await em.save(round);
      });
      throw new JobFailure(this.translator.translate(failure.key, 'en', failure.args), { failure: failure.key });
    }
  }

  private async evaluateStages(job: JobContext<{ roundId: string }>): Promise<{ currentStage: number | null; status: RoundStatus | null }> {
    const roundId = job.payload.roundId;
    const locked = async (em: EntityManager) => {
      const round = await em.getRepository(TargetingRound).createQueryBuilder('r').where('r.id = :id', { id: roundId }).setLock('pessimistic_write').getOne();
      // cancelled, or taken over by a later evaluation: this job has nothing left to do
      return round && round.status === RoundStatus.RUNNING && round.evaluationJobId === job.id ? round : null;
    };
    const cohort = await this.dataSource.transaction(async (em) => {
      const round = await locked(em);
      if (!round) return null;
      if (round.currentStage === -1) {
        const program = await em.findOneByOrFail(ProgramEntity, { id: round.programId });
        await em.query(
          `INSERT INTO targeting.round_household (round_id, household_id, area_path)
           SELECT $3::uuid, h.id, h.area_path FROM registry.household h
            WHERE ${HOUSEHOLDS_IN_SCOPE}
              AND NOT EXISTS (SELECT 1 FROM programs.beneficiary b WHERE b.program_id = $4::uuid AND b.household_id = h.id AND b.status IN ('ACTIVE', 'SUSPENDED'))
              AND NOT EXISTS (SELECT 1 FROM targeting.round_household x WHERE x.round_id = $3::uuid)`,
          [program.coveragePaths, round.scopePaths, round.id, program.id],
        );
      }
      return round;
    });
    if (!cohort) return { currentStage: null, status: null };
    const workflow = await this.roundWorkflow(cohort);
    const total = workflow.stages.length - (cohort.currentStage + 1);
    let done = 0;
    for (;;) {
      if (await job.isCancelled()) throw new JobCancelledError();
      const step = await this.dataSource.transaction(async (em) => {
        const round = await locked(em);
        if (!round) return { round: null, more: false };
        const stage = round.currentStage + 1;
        if (stage >= workflow.stages.length) {
          round.status = RoundStatus.COMPLETED;
          return { round: await em.save(round), more: false };
        }
        const program = await em.findOneByOrFail(ProgramEntity, { id: round.programId });
        const formulaVersion = await this.evaluate(em, round, workflow.stages, stage, program);
        round.currentStage = stage;
        round.stageRuns = [...round.stageRuns, { stage, formulaVersion, evaluatedAt: new Date().toISOString() }];
        let more = true;
        if (workflow.stages[stage].kind === StageKind.COMMUNITY_VALIDATION) {
          const [{ pending }] = (await em.query(`SELECT count(*)::int AS pending FROM targeting.stage_outcome WHERE round_id = $1 AND stage = $2 AND status = 'PENDING'`, [round.id, stage])) as { pending: number }[];
          more = pending === 0;
        }
        if (more && stage === workflow.stages.length - 1) {
          round.status = RoundStatus.COMPLETED;
          more = false;
        }
        await job.saveCheckpoint({ stage }, em);
        await this.audit.record(em, { action: 'UPDATE', entityType: 'TargetingRound', entityId: round.id, details: { operation: 'evaluateStage', stage, formulaVersion, jobId: job.id, status: round.status } });
        return { round: await em.save(round), more };
      });
      done++;
      await job.updateProgress(total > 0 ? Math.min(1, done / total) : 1);
      if (!step.more) return { currentStage: step.round?.currentStage ?? null, status: step.round?.status ?? null };
    }
  }

  async cancel(roundId: string): Promise<TargetingRound> {
    return this.dataSource.transaction(async (em) => {
      const { round } = await this.roundForChange(em, roundId, true, true);
      round.status = RoundStatus.CANCELLED;
      return em.save(round);
    });
  }

  /**
   * A running round of a programme in the caller's scope, locked. Moving the whole round (`wholeRound`) needs areas
   * covering the round's (its cohort was taken in the starter's areas): a district officer cannot move a national
   * round, though they may decide its households in their district.
   */
  async roundForChange(em: EntityManager, roundId: string, wholeRound = true, whileEvaluating = false): Promise<{ round: TargetingRound; program: Program }> {
    const round = await em.getRepository(TargetingRound).createQueryBuilder('r').where('r.id = :id', { id: roundId }).setLock('pessimistic_write').getOne();
    const program = round ? await this.programs.findById(round.programId, em) : null;
    if (!round || !program) throw notFound('targeting.workflow.roundNotFound');
    const mine = RequestContext.actor()?.areaPaths ?? null;
    if (wholeRound && mine && !(round.scopePaths ?? ['']).every((p) => mine.some((m) => p.startsWith(m)))) throw forbidden('targeting.workflow.roundOutsideAreas');
    if (round.status !== RoundStatus.RUNNING) throw conflict('targeting.workflow.roundNotRunning', { status: round.status });
    // the stages move under the job: decisions and another evaluation wait for it (cancelling does not)
    if (!whileEvaluating && (await this.evaluating(round, em))) throw conflict('targeting.workflow.roundEvaluating');
    return { round, program };
  }

  /** One stage in one statement over the households that passed the stage before; returns the formula version used. */
  private async evaluate(em: EntityManager, round: TargetingRound, stages: WorkflowStage[], stage: number, program: Program): Promise<number | null> {
    const s = stages[stage];
    // $1 round, $2 stage; `p` is the outcome of the stage before (none for the first stage)
    const from = `targeting.round_household rh JOIN registry.household h ON h.id = rh.household_id
      ${stage > 0 ? `JOIN targeting.stage_outcome p ON p.round_id = $1::uuid AND p.stage = $2::int - 1 AND p.household_id = rh.household_id AND p.status = 'PASSED'` : ''}`;
    const previousScore = stage > 0 ? 'p.score' : 'NULL::float8';
    const insert = `INSERT INTO targeting.stage_outcome (round_id, stage, household_id, area_path, status, reason, score)`;
    const params: unknown[] = [round.id, stage];
    let formulaVersion: number | null = null;
    let sql: string;
    const criteria = async (formulaId: string) => {
      const formula = await em.findOneByOrFail(Formula, { id: formulaId });
      formulaVersion = formula.currentVersion;
      const compiled = this.formulas.compileOrThrow(await this.formulas.catalogue(em, program.id), formula.source, FormulaKind.CRITERIA, false, params.length);
      params.push(...compiled.params);
      return `${insert}
        SELECT $1::uuid, $2::int, h.id, rh.area_path, CASE WHEN (${compiled.sql}) IS TRUE THEN 'PASSED' ELSE 'FAILED' END,
               CASE WHEN (${compiled.sql}) IS TRUE THEN NULL ELSE 'CRITERIA_NOT_MET' END, ${previousScore}
          FROM ${from} ${compiled.grouped('mm.household_id IN (SELECT r.household_id FROM targeting.round_household r WHERE r.round_id = $1::uuid)')} WHERE rh.round_id = $1::uuid`;
    };
    switch (s.kind) {
      case StageKind.INTAKE:
        if (s.formulaId) sql = await criteria(s.formulaId);
        else {
          params.push(round.intakeCodes);
          sql = `${insert}
            SELECT $1::uuid, $2::int, h.id, rh.area_path, CASE WHEN $3::text[] IS NULL OR h.code = ANY($3::text[]) THEN 'PASSED' ELSE 'FAILED' END,
                   CASE WHEN $3::text[] IS NULL OR h.code = ANY($3::text[]) THEN NULL ELSE 'NOT_IN_LIST' END, NULL
              FROM ${from} WHERE rh.round_id = $1::uuid`;
        }
        break;
      case StageKind.CATEGORICAL:
        sql = await criteria(s.formulaId!);
        break;
      case StageKind.PMT: {
        const formula = await em.findOneByOrFail(Formula, { id: s.formulaId! });
        formulaVersion = formula.currentVersion;
        const [{ scored }] = (await em.query(`SELECT count(*)::int AS scored FROM targeting.household_score WHERE formula_id = $1 AND formula_version = $2`, [formula.id, formula.currentVersion])) as { scored: number }[];
        if (!scored) throw invalidField('programId', 'targeting.errors.notScored', { code: formula.code, version: formula.currentVersion });
        params.push(formula.id, formula.currentVersion, s.maxScore ?? null);
        sql = `${insert}
          SELECT $1::uuid, $2::int, h.id, rh.area_path,
                 CASE WHEN s.household_id IS NULL OR s.score IS NULL OR ($5::float8 IS NOT NULL AND s.score > $5::float8) THEN 'FAILED' ELSE 'PASSED' END,
                 CASE WHEN s.household_id IS NULL THEN 'NOT_SCORED' WHEN s.score IS NULL THEN 'SCORE_ERROR'
                      WHEN $5::float8 IS NOT NULL AND s.score > $5::float8 THEN 'SCORE_ABOVE_THRESHOLD' END,
                 s.score
            FROM ${from} LEFT JOIN targeting.household_score s ON s.formula_id = $3::uuid AND s.formula_version = $4::int AND s.household_id = h.id
           WHERE rh.round_id = $1::uuid`;
        break;
      }
      case StageKind.COMMUNITY_VALIDATION:
        sql = `${insert} SELECT $1::uuid, $2::int, h.id, rh.area_path, 'PENDING', NULL, ${previousScore} FROM ${from} WHERE rh.round_id = $1::uuid`;
        break;
      case StageKind.RANKING:
        // lower score first (a PMT score estimates welfare), then the household id: the same order every time
        params.push(s.places);
        sql = `${insert}
          SELECT $1::uuid, $2::int, r.id, r.area_path,
                 CASE WHEN r.score IS NOT NULL AND r.n <= $3::int THEN 'PASSED' ELSE 'FAILED' END,
                 CASE WHEN r.score IS NULL THEN 'NOT_SCORED' WHEN r.n > $3::int THEN 'OUTSIDE_QUOTA' END, r.score
            FROM (SELECT h.id, rh.area_path, ${previousScore} AS score, row_number() OVER (ORDER BY ${previousScore} ASC NULLS LAST, h.id) AS n
                    FROM ${from} WHERE rh.round_id = $1::uuid) r`;
        break;
    }
    await em.query(sql, params);
    return formulaVersion;
  }

  /** Counts per stage, in the caller's areas, overall and for the areas just below `parentAreaId` (or the coverage). */
  async funnel(args: RoundFunnelArgs): Promise<RoundFunnel> {
    const round = await this.findRound(args.roundId);
    if (!round) throw notFound('targeting.workflow.roundNotFound');
    const program = (await this.programs.findById(round.programId))!;
    const workflow = await this.roundWorkflow(round);
    const scope = RequestContext.actor()?.areaPaths ?? null;
    let areaFilter: { sql: string; param: unknown };
    if (args.parentAreaId) {
      const parent = await this.areas.findById(args.parentAreaId);
      if (!parent) throw invalidField('parentAreaId', 'programs.errors.areaNotFound');
      areaFilter = { sql: 'a.parent_id = $3::uuid', param: parent.id };
    } else {
      areaFilter = { sql: 'a.path = ANY($3::text[])', param: program.coveragePaths };
    }
    const [{ households }] = (await this.dataSource.query(`SELECT count(*)::int AS households FROM targeting.round_household rh WHERE rh.round_id = $1 AND ${inPaths('rh.area_path', 2)}`, [round.id, scope])) as { households: number }[];
    const counts = (await this.dataSource.query(
      `SELECT o.stage, count(*) FILTER (WHERE o.status = 'PASSED')::int AS passed, count(*) FILTER (WHERE o.status = 'FAILED')::int AS failed, count(*) FILTER (WHERE o.status = 'PENDING')::int AS pending
         FROM targeting.stage_outcome o WHERE o.round_id = $1 AND ${inPaths('o.area_path', 2)} GROUP BY o.stage`,
      [round.id, scope],
    )) as { stage: number; passed: number; failed: number; pending: number }[];
    const perArea = (await this.dataSource.query(
      `SELECT a.id, a.code, coalesce(CASE $5::text WHEN 'fr' THEN a.name_fr WHEN 'pt' THEN a.name_pt END, a.name_en) AS name,
              (SELECT count(*)::int FROM targeting.round_household rh WHERE rh.round_id = $1 AND starts_with(rh.area_path, a.path) AND ${inPaths('rh.area_path', 2)}) AS households,
              coalesce((SELECT jsonb_agg(jsonb_build_object('stage', x.stage, 'passed', x.passed, 'failed', x.failed, 'pending', x.pending)) FROM (
                 SELECT o.stage, count(*) FILTER (WHERE o.status = 'PASSED')::int AS passed, count(*) FILTER (WHERE o.status = 'FAILED')::int AS failed,
                        count(*) FILTER (WHERE o.status = 'PENDING')::int AS pending
                   FROM targeting.stage_outcome o WHERE o.round_id = $1 AND starts_with(o.area_path, a.path) AND ${inPaths('o.area_path', 2)} GROUP BY o.stage) x), '[]') AS stages
         FROM geo.admin_area a WHERE ${areaFilter.sql} AND ${inPaths('a.path', 4)} ORDER BY a.code`,
      [round.id, scope, areaFilter.param, scope, RequestContext.current()?.lang ?? 'en'],
    )) as { id: string; code: string; name: string; households: number; stages: { stage: number; passed: number; failed: number; pending: number }[] }[];
    const shape = (rows: { stage: number; passed: number; failed: number; pending: number }[]): StageCount[] =>
      workflow.stages.map((s, i) => {
        const c = rows.find((r) => r.stage === i);
        return { stage: i, kind: s.kind, name: s.name, passed: c?.passed ?? 0, failed: c?.failed ?? 0, pending: c?.pending ?? 0 };
      });
    return {
      households,
      stages: shape(counts),
      byArea: perArea.filter((a) => a.households > 0).map((a) => ({ areaId: a.id, code: a.code, name: a.name, households: a.households, stages: shape(a.stages) })),
    };
  }

  /** One stage's work queue: its households (in the caller's areas, optionally one area) with their outcome. */
  async outcomes(args: StageOutcomesArgs): Promise<StageOutcomePage> {
    const round = await this.findRound(args.roundId);
    if (!round) throw notFound('targeting.workflow.roundNotFound');
    let areaPath: string | null = null;
    if (args.areaId) {
      const area = await this.areas.findById(args.areaId);
      if (!area) throw invalidField('areaId', 'programs.errors.areaNotFound');
      areaPath = area.path;
    }
    return this.outcomeRows(this.dataSource.manager, round.id, args.stage, args.status ?? null, areaPath, args.first, args.offset);
  }

  async outcomeRows(em: EntityManager, roundId: string, stage: number, status: StageOutcomeStatus | null, areaPath: string | null, first: number, offset: number): Promise<StageOutcomePage> {
    const where = `o.round_id = $1 AND o.stage = $2 AND ($3::text IS NULL OR o.status = $3) AND ($4::text IS NULL OR starts_with(o.area_path, $4)) AND ${inPaths('o.area_path', 5)}`;
    const params = [roundId, stage, status, areaPath, RequestContext.actor()?.areaPaths ?? null];
    const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM targeting.stage_outcome o WHERE ${where}`, params)) as { n: number }[];
    const rows = (await em.query(
      `SELECT o.household_id, h.code, o.status, o.reason, o.note, o.score, o.decided_at,
              (SELECT i.given_name || ' ' || i.family_name FROM registry.individual i WHERE i.household_id = h.id AND i.relationship = 'HEAD' AND i.status = 'ACTIVE' LIMIT 1) AS head_name,
              (SELECT count(*)::int FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE') AS members,
              (SELECT coalesce(CASE $8::text WHEN 'fr' THEN a.name_fr WHEN 'pt' THEN a.name_pt END, a.name_en) FROM geo.admin_area a WHERE a.path = h.area_path) AS area_name
         FROM targeting.stage_outcome o JOIN registry.household h ON h.id = o.household_id
        WHERE ${where} ORDER BY h.area_path, h.code LIMIT $6 OFFSET $7`,
      [...params, first, offset, RequestContext.current()?.lang ?? 'en'],
    )) as { household_id: string; code: string; status: StageOutcomeStatus; reason: string | null; note: string | null; score: number | null; decided_at: Date | null; head_name: string | null; members: number; area_name: string | null }[];
    return {
      total: n,
      rows: rows.map((r) => ({ householdId: r.household_id, code: r.code, headName: r.head_name, members: r.members, areaName: r.area_name, status: r.status, reason: r.reason, note: r.note, score: r.score, decidedAt: r.decided_at })),
    };
  }
}
