import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { AppError, AuditService, badInput, conflict, type ConnectionShape, invalidField, type JobContext, JobFailure, JobService, type Language, notFound, paginate, RequestContext, Translator } from '@coremis/core';
import { BeneficiaryService, BeneficiaryStatus, BenefitBasis, BenefitKind, Program as ProgramEntity, ProgramService, ProgramStatus, type Program, StatusChangeSource, TargetUnit } from '@coremis/programs';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { EnrolmentProposalsArgs, EnrolmentRunsArgs, StartEnrolmentRunInput } from '../dto/enrolment.inputs';
import type { EnrolmentProposalPage } from '../dto/formula.models';
import { EnrolmentRun, EnrolmentRunStatus, EnrolmentTieBreaker } from '../entities/enrolment-run.entity';
import { Formula, FormulaKind } from '../entities/formula.entity';
import { RoundStatus, StageKind, TargetingRound, WorkflowVersion } from '../entities/workflow.entity';
import { FormulaService, HOUSEHOLDS_IN_SCOPE } from '../formula.service';
import type { CompiledFormula } from '../formula/formula.compiler';

const UNIQUE_VIOLATION = '23505';
export const ENROLMENT_QUEUE = 'targeting.enrolment';

/** Each tie-breaker as a fixed SQL ordering over the ranked candidates `e` (never user text). */
const TIE_BREAKERS: Record<EnrolmentTieBreaker, string> = {
  [EnrolmentTieBreaker.MORE_CHILDREN_UNDER_FIVE]: 'e.under5 DESC',
  [EnrolmentTieBreaker.OLDER_HEAD]: 'e.head_birth ASC NULLS LAST',
  [EnrolmentTieBreaker.EARLIER_REGISTRATION]: 'e.registration_date ASC',
  [EnrolmentTieBreaker.LARGER_HOUSEHOLD]: 'e.members DESC',
};

/**
 * Enrolment runs: from a programme's stored scores (and an optional criterion) to a ranked proposal per household,
 * in one set-based statement: eligible households ranked by score (lower first: a PMT score estimates welfare) then
 * the chosen tie-breakers, served in rank order within the per-area quotas, the places left under the programme
 * maximum and the budget left (benefit amounts per household or per member). Applying the run (an approvable
 * operation) moves the households to ACTIVE / WAITLISTED / INELIGIBLE through the programmes' transition table.
 */
@Injectable()
export class EnrolmentRunService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramService,
    private readonly beneficiaries: BeneficiaryService,
    private readonly formulas: FormulaService,
    private readonly areas: AdminAreaService,
    private readonly audit: AuditService,
    private readonly jobs: JobService,
    private readonly translator: Translator,
  ) {}

  list(args: EnrolmentRunsArgs): Promise<ConnectionShape<EnrolmentRun>> {
    const query = this.dataSource.manager
      .getRepository(EnrolmentRun)
      .createQueryBuilder('run')
      .where('run.program_id = :programId', { programId: args.programId })
      .andWhere(`EXISTS (${this.programs.scoped().select('1').andWhere('r.id = run.program_id').getQuery()})`)
      .setParameters(this.programs.scoped().getParameters());
    return paginate(query, args, [{ expression: 'run.id', value: (row) => row.id }], { descending: true });
  }

  async findById(id: string, em: EntityManager = this.dataSource.manager): Promise<EnrolmentRun | null> {
    const run = await em.findOneBy(EnrolmentRun, { id });
    if (!run || !(await this.programs.findById(run.programId, em))) return null;
    return run;
  }

  /**
   * Checks the request and queues the run's computation (a durable job); nothing changes for beneficiaries until the
   * run is applied. The run is COMPUTING until its job proposes it (PROPOSED) or refuses it (FAILED, with the reason).
   */
  async start(input: StartEnrolmentRunInput): Promise<EnrolmentRun> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const program = await this.programs.loadForChange(em, input.programId);
        if (program.status !== ProgramStatus.ACTIVE) throw conflict('programs.errors.programNotActive', { code: program.code });
        if (program.targetUnit !== TargetUnit.HOUSEHOLD) throw badInput('targeting.errors.householdProgrammesOnly', { code: program.code });
        const round = input.roundId ? await this.completedRound(em, input.roundId, program) : null;
        const formulaId = input.formulaId ?? round?.formulaId;
        if (!formulaId) throw invalidField('formulaId', 'targeting.errors.formulaRequired');
        const formula = await this.formula(em, formulaId, program, FormulaKind.SCORE, 'formulaId');
        const criteria = input.criteriaFormulaId ? await this.formula(em, input.criteriaFormulaId, program, FormulaKind.CRITERIA, 'criteriaFormulaId') : null;
        if (criteria) this.formulas.compileOrThrow(await this.formulas.catalogue(em, program.id), criteria.source, FormulaKind.CRITERIA, false, 16);
        const quotas = await this.quotas(em, input.quotas, program);
        const [{ scored }] = (await em.query(`SELECT count(*)::int AS scored FROM targeting.household_score WHERE formula_id = $1 AND formula_version = $2`, [formula.id, formula.currentVersion])) as { scored: number }[];
        if (!scored) throw invalidField('formulaId', 'targeting.errors.notScored', { code: formula.code, version: formula.currentVersion });

        let run = em.create(EnrolmentRun, {
          programId: program.id,
          formulaId: formula.id,
          formulaVersion: formula.currentVersion,
          roundId: round?.id ?? null,
          criteriaFormulaId: criteria?.id ?? null,
          criteriaVersion: criteria?.currentVersion ?? null,
          maxScore: input.maxScore ?? null,
          tieBreakers: input.tieBreakers,
          quotas: quotas.map(({ areaId, places: p }) => ({ areaId, places: p })),
          status: EnrolmentRunStatus.COMPUTING,
          places: null,
          budget: null,
          budgetUsed: 0,
          registered: 0,
          assessed: 0,
          eligible: 0,
          enrolled: 0,
          waitlisted: 0,
          ineligible: 0,
          byArea: [],
          createdBy: RequestContext.actor()?.userId ?? null,
          scopePaths: RequestContext.actor()?.areaPaths ?? null,
          jobId: null,
          failure: null,
        });
        run = await em.save(run);
        const job = await this.jobs.enqueue(ENROLMENT_QUEUE, 'compute', { runId: run.id }, { createdBy: RequestContext.actor()?.userId ?? null, manager: em });
        run.jobId = job.id;
        run = await em.save(run);
        await this.audit.record(em, { action: 'CREATE', entityType: 'EnrolmentRun', entityId: run.id, details: { programId: program.id, jobId: job.id, formulaId: formula.id, formulaVersion: formula.currentVersion } });
        return run;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
        throw conflict('targeting.errors.runOpen');
      }
      throw error;
    }
  }

  /**
   * The job's work: the proposal in one transaction with the run's row locked, so an attempt after a crash either
   * finds nothing committed and computes it all, or finds the run no longer COMPUTING and does nothing. A request the
   * data refuses (a quota larger than the households that could fill it) keeps nothing but the run, FAILED with its
   * reason.
   */
  async compute(job: JobContext<{ runId: string }>): Promise<{ status: EnrolmentRunStatus | null }> {
    const runId = job.payload.runId;
    let refusal: AppError | null = null;
    const status = await this.dataSource.transaction(async (em) => {
      const run = await em.getRepository(EnrolmentRun).createQueryBuilder('run').where('run.id = :id', { id: runId }).setLock('pessimistic_write').getOne();
      if (!run || run.status !== EnrolmentRunStatus.COMPUTING || run.jobId !== job.id) return run?.status ?? null;
      const program = await em.findOneByOrFail(ProgramEntity, { id: run.programId });
      const formula = await em.findOneByOrFail(Formula, { id: run.formulaId });
      const criteria = run.criteriaFormulaId ? await em.findOneByOrFail(Formula, { id: run.criteriaFormulaId }) : null;
      const round = run.roundId ? await this.completedRound(em, run.roundId, program) : null;
      try {
        // progress from another connection, before this transaction touches the job's row (it would wait for it)
        await this.propose(em, run, program, formula, criteria, round, (p) => job.updateProgress(p));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refusal = error;
        throw error;
      }
      await job.saveCheckpoint({ computed: true }, em);
      await this.audit.record(em, { action: 'UPDATE', entityType: 'EnrolmentProposal', entityId: run.id, details: { operation: 'compute', jobId: job.id, enrolled: run.enrolled, waitlisted: run.waitlisted, ineligible: run.ineligible } });
      return run.status;
    }).catch((error: unknown) => {
      if (error === refusal) return null;
      throw error;
    });
    if (!refusal) return { status };
    const reason = refusal as AppError;
    // a field error (most refusals) carries the precise message; the error's own key only says "validation failed"
    const failure = { key: reason.fieldErrors[0]?.key ?? reason.messageKey, args: reason.fieldErrors[0]?.args ?? reason.args ?? {} };
    await this.dataSource.transaction(async (em) => {
      const run = await em.getRepository(EnrolmentRun).createQueryBuilder('run').where('run.id = :id', { id: runId }).setLock('pessimistic_write').getOne();
      if (!run || run.status !== EnrolmentRunStatus.COMPUTING || run.jobId !== job.id) return;
      Object.assign(run, { status: EnrolmentRunStatus.FAILED, failure });
      await em.save(run);
      await job.saveCheckpoint({ computed: false }, em);
      await this.audit.record(em, { action: 'UPDATE', entityType: 'EnrolmentRun', entityId: run.id, details: { operation: 'compute', jobId: job.id, failure: failure.key } });
    });
    throw new JobFailure(this.translator.translate(failure.key, 'en', failure.args), { status: EnrolmentRunStatus.FAILED });
  }

  /** Marks a run whose job failed for good (not on its input: the database, a crash every attempt). */
  async giveUp(runId: string, jobId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const run = await em.getRepository(EnrolmentRun).createQueryBuilder('run').where('run.id = :id', { id: runId }).setLock('pessimistic_write').getOne();
      if (!run || run.status !== EnrolmentRunStatus.COMPUTING || run.jobId !== jobId) return;
      Object.assign(run, { status: EnrolmentRunStatus.FAILED, failure: { key: 'targeting.errors.runJobFailed', args: { reason } } });
      await em.save(run);
    });
  }

  /** The run's failure in the caller's language. */
  failureText(run: EnrolmentRun): string | null {
    if (!run.failure) return null;
    return this.translator.translate(run.failure.key, (RequestContext.current()?.lang ?? 'en') as Language, run.failure.args);
  }

  /** Ranks, serves the quotas, places and budget, and stores the proposal and the run's totals (PROPOSED). */
  private async propose(em: EntityManager, run: EnrolmentRun, program: Program, formula: Formula, criteria: Formula | null, round: { id: string; lastStage: number } | null, progress: (p: number) => Promise<void>): Promise<void> {
    // what is already taken: active and suspended beneficiaries keep their places and their cost
    const perHousehold = this.benefit(program, BenefitBasis.PER_HOUSEHOLD);
    const perMember = this.benefit(program, BenefitBasis.PER_MEMBER);
    const [taken] = (await em.query(
      `SELECT count(*)::int AS n, coalesce(sum($2::numeric + $3::numeric * (SELECT count(*) FROM registry.individual i WHERE i.household_id = b.household_id AND i.status = 'ACTIVE')), 0) AS cost
         FROM programs.beneficiary b WHERE b.program_id = $1 AND b.status IN ('ACTIVE', 'SUSPENDED')`,
      [program.id, perHousehold, perMember],
    )) as { n: number; cost: string }[];
    const places = program.maxBeneficiaries === null ? null : Math.max(0, program.maxBeneficiaries - taken.n);
    const budget = program.budget === null ? null : Math.max(0, Number(program.budget) - Number(taken.cost));
    const quotas = await this.quotas(em, run.quotas, program);
    const quotaJson = JSON.stringify(quotas.map((q) => ({ area_id: q.areaId, path: q.path, places: q.places })));
    const crit = criteria ? this.formulas.compileOrThrow(await this.formulas.catalogue(em, program.id), criteria.source, FormulaKind.CRITERIA, false, 16) : null;
    await em.query(`SET LOCAL jit = off`);
    const members = crit ? await this.formulas.membersInScope(program.coveragePaths, run.scopePaths, em) : 'true';
    await progress(0.05);
    await em.query(this.proposalSql(run.tieBreakers, crit, members), [
      program.coveragePaths,
      run.scopePaths,
      run.id,
      formula.id,
      run.formulaVersion,
      program.id,
      run.maxScore,
      quotaJson,
      quotas.length > 0,
      places,
      budget,
      perHousehold,
      perMember,
      new Date().toISOString().slice(0, 10),
      round?.id ?? null,
      round?.lastStage ?? null,
      ...(crit ? crit.params : []),
    ]);

    await progress(0.9);
    const [totals] = (await em.query(
      `SELECT count(*)::int AS registered, count(*) FILTER (WHERE reason <> 'NOT_ASSESSED')::int AS assessed, count(*) FILTER (WHERE rank IS NOT NULL)::int AS eligible,
              count(*) FILTER (WHERE outcome = 'ENROLLED')::int AS enrolled, count(*) FILTER (WHERE outcome = 'WAITLISTED')::int AS waitlisted,
              count(*) FILTER (WHERE outcome = 'INELIGIBLE')::int AS ineligible, coalesce(sum(cost) FILTER (WHERE outcome = 'ENROLLED'), 0) AS budget_used
         FROM targeting.enrolment_proposal WHERE run_id = $1`,
      [run.id],
    )) as { registered: number; assessed: number; eligible: number; enrolled: number; waitlisted: number; ineligible: number; budget_used: string }[];
    const byArea = (await em.query(
      `SELECT q.area_id AS "areaId", q.places, count(p.household_id) FILTER (WHERE p.rank IS NOT NULL)::int AS eligible, count(p.household_id) FILTER (WHERE p.outcome = 'ENROLLED')::int AS enrolled
         FROM jsonb_to_recordset($2::jsonb) q(area_id uuid, places int)
         LEFT JOIN targeting.enrolment_proposal p ON p.run_id = $1 AND p.quota_area_id = q.area_id
        GROUP BY q.area_id, q.places`,
      [run.id, quotaJson],
    )) as { areaId: string; places: number; eligible: number; enrolled: number }[];
    // a quota larger than the households that could fill it is a mistake in the request: nothing is kept
    for (const area of byArea) {
      if (area.places > area.eligible) {
        const code = quotas.find((q) => q.areaId === area.areaId)?.code ?? area.areaId;
        throw invalidField('quotas', 'targeting.errors.quotaTooLarge', { area: code, places: area.places, eligible: area.eligible });
      }
    }
    Object.assign(run, { ...totals, places, budget, budgetUsed: Number(totals.budget_used), byArea, status: EnrolmentRunStatus.PROPOSED });
    await em.save(run);
  }

  /** Applies a proposed run: one set-based status change through the programmes' transition table. */
  async apply(runId: string): Promise<EnrolmentRun> {
    return this.dataSource.transaction(async (em) => {
      const run = await em.getRepository(EnrolmentRun).createQueryBuilder('run').where('run.id = :id', { id: runId }).setLock('pessimistic_write').getOne();
      if (!run || !(await this.programs.findById(run.programId, em))) throw notFound('targeting.errors.runNotFound');
      if (run.status !== EnrolmentRunStatus.PROPOSED) throw conflict('targeting.errors.runNotProposed', { status: run.status });
      await this.beneficiaries.programForChange(em, run.programId, BeneficiaryStatus.ACTIVE);
      await this.beneficiaries.setStatusesFromSelection(em, {
        programId: run.programId,
        selection: `SELECT p.household_id AS subject_id, CASE p.outcome WHEN 'ENROLLED' THEN 'ACTIVE' ELSE p.outcome END AS to_status, p.score AS score
                      FROM targeting.enrolment_proposal p WHERE p.run_id = $1::uuid`,
        params: [run.id],
        reasonCode: 'SELECTED',
        reasonText: null,
        source: StatusChangeSource.ENROLMENT_RUN,
        sourceRef: run.id,
      });
      Object.assign(run, { status: EnrolmentRunStatus.APPLIED, appliedBy: RequestContext.actor()?.userId ?? null, appliedAt: new Date() });
      return em.save(run);
    });
  }

  /**
   * Promotes wait-listed households to ACTIVE, in the rank of the last applied run, into the places and budget
   * freed since (suspension does not free a place; graduation and exit do): one set-based status change.
   */
  async promoteWaitlisted(programId: string): Promise<{ promoted: number; places: number | null; budget: number | null }> {
    return this.dataSource.transaction(async (em) => {
      const program = await this.programs.loadForChange(em, programId);
      await this.beneficiaries.programForChange(em, program.id, BeneficiaryStatus.ACTIVE);
      const run = await em.getRepository(EnrolmentRun).findOne({ where: { programId: program.id, status: EnrolmentRunStatus.APPLIED }, order: { appliedAt: 'DESC' } });
      if (!run) throw conflict('targeting.errors.noAppliedRun', { code: program.code });
      const perHousehold = this.benefit(program, BenefitBasis.PER_HOUSEHOLD);
      const perMember = this.benefit(program, BenefitBasis.PER_MEMBER);
      const memberCount = `(SELECT count(*) FROM registry.individual i WHERE i.household_id = b.household_id AND i.status = 'ACTIVE')`;
      const [taken] = (await em.query(
        `SELECT count(*)::int AS n, coalesce(sum($2::numeric + $3::numeric * ${memberCount}), 0) AS cost
           FROM programs.beneficiary b WHERE b.program_id = $1 AND b.status IN ('ACTIVE', 'SUSPENDED')`,
        [program.id, perHousehold, perMember],
      )) as { n: number; cost: string }[];
      const places = program.maxBeneficiaries === null ? null : Math.max(0, program.maxBeneficiaries - taken.n);
      const budget = program.budget === null ? null : Math.max(0, Number(program.budget) - Number(taken.cost));
      // the wait-listed, in the run's rank, served while places and budget last (strict rank order)
      const selection = `
        SELECT w.household_id AS subject_id, 'ACTIVE' AS to_status, w.score AS score FROM (
          SELECT b.household_id, b.score,
                 row_number() OVER (ORDER BY p.rank NULLS LAST, b.id) AS n,
                 sum($4::numeric + $5::numeric * ${memberCount}) OVER (ORDER BY p.rank NULLS LAST, b.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cost
            FROM programs.beneficiary b
            LEFT JOIN targeting.enrolment_proposal p ON p.run_id = $2::uuid AND p.household_id = b.household_id
           WHERE b.program_id = $1::uuid AND b.status = 'WAITLISTED') w
        WHERE ($3::int IS NULL OR w.n <= $3::int) AND ($6::numeric IS NULL OR w.cost <= $6::numeric)`;
      const result = await this.beneficiaries.setStatusesFromSelection(em, {
        programId: program.id,
        selection,
        params: [program.id, run.id, places, perHousehold, perMember, budget],
        reasonCode: 'SELECTED',
        reasonText: null,
        source: StatusChangeSource.ENROLMENT_RUN,
        sourceRef: run.id,
      });
      await this.audit.record(em, { action: 'UPDATE', entityType: 'EnrolmentRun', entityId: run.id, details: { operation: 'promoteWaitlisted', promoted: result.updated, places, budget } });
      return { promoted: result.updated, places, budget };
    });
  }

  async cancel(runId: string): Promise<EnrolmentRun> {
    return this.dataSource.transaction(async (em) => {
      const run = await em.getRepository(EnrolmentRun).createQueryBuilder('run').where('run.id = :id', { id: runId }).setLock('pessimistic_write').getOne();
      if (!run || !(await this.programs.findById(run.programId, em))) throw notFound('targeting.errors.runNotFound');
      // a run still computing can be dropped too: its job finds it CANCELLED and keeps nothing
      if (run.status !== EnrolmentRunStatus.PROPOSED && run.status !== EnrolmentRunStatus.COMPUTING) throw conflict('targeting.errors.runNotProposed', { status: run.status });
      run.status = EnrolmentRunStatus.CANCELLED;
      return em.save(run);
    });
  }

  /** The ranked proposal, households in the caller's areas only. */
  async proposals(args: EnrolmentProposalsArgs): Promise<EnrolmentProposalPage> {
    const run = await this.findById(args.runId);
    if (!run) throw notFound('targeting.errors.runNotFound');
    const where = `p.run_id = $1 AND ($2::text IS NULL OR p.outcome = $2)
      AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) u WHERE starts_with(p.area_path, u)))`;
    const params = [run.id, args.outcome ?? null, RequestContext.actor()?.areaPaths ?? null];
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM targeting.enrolment_proposal p WHERE ${where}`, params)) as { n: number }[];
    const rows = (await this.dataSource.query(
      `SELECT p.household_id, h.code, p.score, p.rank, p.outcome, p.reason, p.cost,
              (SELECT i.given_name || ' ' || i.family_name FROM registry.individual i WHERE i.household_id = h.id AND i.relationship = 'HEAD' AND i.status = 'ACTIVE' LIMIT 1) AS head_name
         FROM targeting.enrolment_proposal p JOIN registry.household h ON h.id = p.household_id
        WHERE ${where} ORDER BY p.rank NULLS LAST, h.code LIMIT $4 OFFSET $5`,
      [...params, args.first, args.offset],
    )) as { household_id: string; code: string; score: number | null; rank: number | null; outcome: string; reason: string; cost: string; head_name: string | null }[];
    return {
      total: n,
      rows: rows.map((r) => ({ householdId: r.household_id, code: r.code, headName: r.head_name, score: r.score, rank: r.rank, outcome: r.outcome, reason: r.reason, cost: Number(r.cost) })),
    };
  }

  /** A completed round of the programme, with its last stage and the formula of its last PMT stage. */
  private async completedRound(em: EntityManager, roundId: string, program: Program): Promise<{ id: string; lastStage: number; formulaId: string | null }> {
    const round = await em.findOneBy(TargetingRound, { id: roundId, programId: program.id });
    if (!round) throw invalidField('roundId', 'targeting.workflow.roundNotFound');
    if (round.status !== RoundStatus.COMPLETED) throw invalidField('roundId', 'targeting.workflow.roundNotCompleted', { number: round.number });
    const workflow = await em.findOneByOrFail(WorkflowVersion, { id: round.workflowVersionId });
    const pmt = [...workflow.stages].reverse().find((s) => s.kind === StageKind.PMT);
    return { id: round.id, lastStage: workflow.stages.length - 1, formulaId: pmt?.formulaId ?? null };
  }

  private async formula(em: EntityManager, id: string, program: Program, kind: FormulaKind, field: string): Promise<Formula> {
    const formula = await em.findOneBy(Formula, { id, programId: program.id });
    if (!formula) throw invalidField(field, 'targeting.errors.notFound');
    if (formula.kind !== kind) throw invalidField(field, kind === FormulaKind.SCORE ? 'targeting.errors.notScore' : 'targeting.errors.notCriteria');
    return formula;
  }

  private async quotas(em: EntityManager, requested: { areaId: string; places: number }[], program: Program): Promise<{ areaId: string; path: string; code: string; places: number }[]> {
    const out: { areaId: string; path: string; code: string; places: number }[] = [];
    const seen = new Set<string>();
    for (const [index, quota] of requested.entries()) {
      if (seen.has(quota.areaId)) throw invalidField(`quotas.${index}.areaId`, 'targeting.errors.quotaTwice');
      seen.add(quota.areaId);
      const area = await this.areas.findById(quota.areaId, em);
      if (!area) throw invalidField(`quotas.${index}.areaId`, 'programs.errors.areaNotFound');
      if (!program.coveragePaths.some((path) => area.path.startsWith(path))) throw invalidField(`quotas.${index}.areaId`, 'targeting.errors.quotaOutsideCoverage', { area: area.code });
      out.push({ areaId: area.id, path: area.path, code: area.code, places: quota.places });
    }
    return out;
  }

  /** Sum of the programme's cash amounts on one basis. */
  private benefit(program: Program, basis: BenefitBasis): number {
    return (program.benefits ?? []).filter((b) => b.kind === BenefitKind.CASH && b.basis === basis).reduce((sum, b) => sum + Number(b.amount ?? 0), 0);
  }

  /**
   * The proposal in one statement. Parameters: $1 coverage paths, $2 caller's paths, $3 run, $4 formula, $5 its version,
   * $6 programme, $7 max score, $8 quotas (jsonb), $9 has quotas, $10 places left, $11 budget left, $12 amount per
   * household, $13 amount per member, $14 reference date, $15 round (only its households, those that passed its last
   * stage eligible), $16 the round's last stage; the criterion's own parameters follow.
   */
  private proposalSql(tieBreakers: EnrolmentTieBreaker[], criteria: Pick<CompiledFormula, 'sql' | 'grouped'> | null, members: string): string {
    const order = ['e.score ASC', ...tieBreakers.map((t) => TIE_BREAKERS[t]), 'e.id'].join(', ');
    return `
      WITH quota AS MATERIALIZED (
        -- read once: a lateral over the parameter would parse the JSON again for every candidate (1.7 s per 220,000)
        SELECT * FROM jsonb_to_recordset($8::jsonb) qa(area_id uuid, path text, places int)
      ),
      cand AS MATERIALIZED (
        SELECT h.id, h.area_path, h.registration_date, s.score,
          CASE WHEN $15::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM targeting.stage_outcome o
                      WHERE o.round_id = $15::uuid AND o.stage = $16::int AND o.household_id = h.id AND o.status = 'PASSED') THEN 'ROUND_NOT_PASSED'
               WHEN s.score IS NULL THEN 'NOT_ASSESSED'
               WHEN $7::float8 IS NOT NULL AND s.score > $7::float8 THEN 'SCORE_ABOVE_THRESHOLD'
               ${criteria ? `WHEN (${criteria.sql}) IS NOT TRUE THEN 'CRITERIA_NOT_MET'` : ''}
          END AS fail
        FROM registry.household h
        LEFT JOIN targeting.household_score s ON s.formula_id = $4::uuid AND s.household_id = h.id AND s.formula_version = $5::int
        ${criteria ? criteria.grouped(members) : ''}
        WHERE ${HOUSEHOLDS_IN_SCOPE}
          AND NOT EXISTS (SELECT 1 FROM programs.beneficiary b WHERE b.program_id = $6::uuid AND b.household_id = h.id AND b.status IN ('ACTIVE', 'SUSPENDED'))
          AND ($15::uuid IS NULL OR EXISTS (SELECT 1 FROM targeting.round_household rh WHERE rh.round_id = $15::uuid AND rh.household_id = h.id))
      ),
      elig AS (
        SELECT c.*, m.members, m.under5, m.head_birth, q.area_id AS quota_area_id, q.places AS quota,
               $12::numeric + $13::numeric * m.members AS cost
        FROM cand c
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS members, count(*) FILTER (WHERE i.birth_date > $14::date - interval '5 years')::int AS under5,
                 min(i.birth_date) FILTER (WHERE i.relationship = 'HEAD') AS head_birth
          FROM registry.individual i WHERE i.household_id = c.id AND i.status = 'ACTIVE') m
        LEFT JOIN LATERAL (
          SELECT qa.area_id, qa.places FROM quota qa
          WHERE starts_with(c.area_path, qa.path) ORDER BY length(qa.path) DESC LIMIT 1) q ON true
        WHERE c.fail IS NULL
      ),
      ranked AS (
        SELECT e.*, row_number() OVER (ORDER BY ${order})::int AS rank,
               row_number() OVER (PARTITION BY e.quota_area_id ORDER BY ${order}) AS area_rank
        FROM elig e
      ),
      fits AS (
        SELECT r.*, (NOT $9::boolean OR (r.quota_area_id IS NOT NULL AND r.area_rank <= r.quota)) AS in_quota FROM ranked r
      ),
      served AS (
        SELECT f.*,
               sum(CASE WHEN f.in_quota THEN 1 ELSE 0 END) OVER w AS n_served,
               sum(CASE WHEN f.in_quota THEN f.cost ELSE 0 END) OVER w AS cost_served
        FROM fits f WINDOW w AS (ORDER BY f.rank ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
      )
      INSERT INTO targeting.enrolment_proposal (run_id, household_id, area_path, quota_area_id, score, rank, outcome, reason, cost)
      SELECT $3::uuid, s.id, s.area_path, s.quota_area_id, s.score, s.rank,
             CASE WHEN s.in_quota AND ($10::int IS NULL OR s.n_served <= $10::int) AND ($11::numeric IS NULL OR s.cost_served <= $11::numeric) THEN 'ENROLLED' ELSE 'WAITLISTED' END,
             CASE WHEN NOT s.in_quota THEN CASE WHEN s.quota_area_id IS NULL THEN 'NO_QUOTA_AREA' ELSE 'QUOTA' END
                  WHEN $10::int IS NOT NULL AND s.n_served > $10::int THEN 'PLACES'
                  WHEN $11::numeric IS NOT NULL AND s.cost_served > $11::numeric THEN 'BUDGET'
                  ELSE 'RANKED' END,
             s.cost
      FROM served s
      UNION ALL
      SELECT $3::uuid, c.id, c.area_path, NULL, c.score, NULL, 'INELIGIBLE', c.fail, 0 FROM cand c WHERE c.fail IS NOT NULL`;
  }
}
