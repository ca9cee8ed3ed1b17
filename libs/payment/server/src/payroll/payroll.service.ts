import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { ProgramService } from '@coremis/programs';
import { areaScopeCondition, areaScopePatterns, AppError, applyAreaScope, AuditService, badInput, conflict, invalidField, type Job, JobCancelledError, type JobContext, JobService, likePrefix, notFound, paginate, RequestContext, type ConnectionShape } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { CreatePayrollInput, PayrollLinesArgs, PayrollsArgs, SaveBenefitRulesInput } from '../dto/payroll.inputs';
import type { PayrollSummary, ReconciliationReport, ReconciliationRow } from '../dto/payroll.models';
import { BenefitRuleSet, type BenefitRules } from '../entities/benefit-rule-set.entity';
import { CycleService } from '../cycle.service';
import { Cycle } from '../entities/cycle.entity';
import { Payroll } from '../entities/payroll.entity';
import { PayrollLine } from '../entities/payroll-line.entity';
import { isPayrollTransitionAllowed, LineStatus, PayrollStatus } from '../payment-vocabulary';
import { FLAG_SQL, GENERATION_SETTINGS, generationBoundsSql, generationSql, lineTransitionSql } from './payroll-generation.sql';

export const PAYROLL_GENERATION_QUEUE = 'payment.payroll-generation';
/**
 * Beneficiaries per generation statement: each chunk commits with its checkpoint (a resumed job skips it). Measured at
 * 1,019,908 people (2026-12-06, run i): two chunks of 509,954 took 17.5 s each against 7.4-8.3 s for each of four
 * chunks of 254,977 (the larger insert wrote its own dirty buffers out: 1.1 GB by the backend), so chunks stay small.
 */
export const GENERATION_CHUNK = 250_000;
const UNIQUE_VIOLATION = '23505';

export interface GenerationPayload extends Record<string, unknown> {
  payrollId: string;
  /** Beneficiaries per statement (default GENERATION_CHUNK; smaller in tests to cut a small programme in chunks). */
  chunk?: number;
}

export interface GenerationCheckpoint extends Record<string, unknown> {
  /** the upper bound of the last committed chunk (null: none yet) */
  lastId: string | null;
  /** the chunks' upper bounds, computed once (generationBoundsSql); after the last one a chunk runs to the end */
  bounds?: string[];
  /**
   * What the bounds are ids of: 'subject' (the people's or households' ids). A checkpoint without it was written by
   * a version that cut chunks by beneficiary id: its job starts its chunks again (a chunk run twice adds nothing).
   */
  boundsOf?: 'subject';
  total: number;
  done: number;
  inserted: number;
  generated?: boolean;
  flagged?: number;
  /** the cycle had lines when the job started (a generation again): its chunks leave out beneficiaries who have one */
  again?: boolean;
}

const scopePatterns = () => areaScopePatterns();

/**
 * The areas a generation covers: the cycle's area, narrowed to the maker's areas (as LIKE patterns). A cycle of one
 * district pays nobody outside it, whatever the programme's coverage.
 */
export function generationScope(cyclePath: string, makerPaths: readonly string[] | null): string[] {
  if (!makerPaths) return [likePrefix(cyclePath)];
  return makerPaths.flatMap((path) => (cyclePath.startsWith(path) ? [cyclePath] : path.startsWith(cyclePath) ? [path] : [])).map((path) => likePrefix(path));
}

/**
 * Payrolls: generation (durable job, set-based, idempotent), duplicate flags, the declared transitions with their
 * history, approval (maker-checker on the resolver) and follow-up payrolls. Reads are limited to the caller's areas.
 */
@Injectable()
export class PayrollService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramService,
    private readonly areas: AdminAreaService,
    private readonly jobs: JobService,
    private readonly audit: AuditService,
    private readonly cycles: CycleService,
  ) {}

  // ---------- benefit rules ----------

  /** Saves a new version of the programme's benefit rules (the earlier versions stay, lines keep theirs). */
  async saveRules(input: SaveBenefitRulesInput): Promise<BenefitRuleSet> {
    const program = await this.programs.findById(input.programId);
    if (!program) throw invalidField('programId', 'payment.errors.programNotFound');
    if (input.maxPerTransactionMinor != null && BigInt(input.maxPerTransactionMinor) <= 0n) throw invalidField('maxPerTransactionMinor', 'payment.errors.amountPositive');
    const rules: BenefitRules = {
      base: input.base,
      baseAmountMinor: input.baseAmountMinor,
      memberCap: input.memberCap ?? null,
      topUps: input.topUps.map((t) => ({ label: t.label, condition: t.condition, minCount: t.minCount, amountMinor: t.amountMinor, perMember: t.perMember })),
      maxPerTransactionMinor: input.maxPerTransactionMinor ?? null,
      roundingMinor: input.roundingMinor,
    };
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('payment.rules:' || $1))`, [program.id]);
      const [{ next }] = (await em.query(`SELECT coalesce(max(rule_version), 0) + 1 AS next FROM payment.benefit_rule_set WHERE program_id = $1`, [program.id])) as { next: number }[];
      return em.save(em.create(BenefitRuleSet, { programId: program.id, ruleVersion: next, rules }));
    });
  }

  async ruleSets(programId: string): Promise<BenefitRuleSet[]> {
    if (!(await this.programs.findById(programId))) return [];
    return this.dataSource.getRepository(BenefitRuleSet).find({ where: { programId }, order: { ruleVersion: 'DESC' } });
  }

  // ---------- payrolls ----------

  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Payroll).createQueryBuilder('r'), 'r.area_path');
  }

  list(args: PayrollsArgs): Promise<ConnectionShape<Payroll>> {
    const query = this.scoped();
    if (args.cycleId) query.andWhere('r.cycle_id = :cycleId', { cycleId: args.cycleId });
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  findById(id: string): Promise<Payroll | null> {
    return this.scoped().andWhere('r.id = :id', { id }).getOne();
  }

  /** Creates a DRAFT payroll for a cycle with the programme's latest rule set, and starts its generation. */
  async create(input: CreatePayrollInput): Promise<Payroll> {
    const payroll = await this.dataSource.transaction(async (em) => {
      const cycle = await this.cycles.findForUse(em, input.cycleId);
      if (!cycle) throw invalidField('cycleId', 'payment.errors.cycleNotFound');
      const [rules] = (await em.query(`SELECT id FROM payment.benefit_rule_set WHERE program_id = $1 ORDER BY rule_version DESC LIMIT 1`, [cycle.programId])) as { id: string }[];
      if (!rules) throw badInput('payment.errors.noBenefitRules');
      if (input.providerAccountId) {
        const [account] = (await em.query(`SELECT 1 FROM payment.provider_account WHERE id = $1 AND active`, [input.providerAccountId])) as unknown[];
        if (!account) throw invalidField('providerAccountId', 'payment.providers.errors.notFound');
      }
      const record = em.create(Payroll, {
        cycleId: cycle.id,
        programId: cycle.programId,
        code: input.code.trim(),
        status: PayrollStatus.DRAFT,
        ruleSetId: rules.id,
        providerAccountId: input.providerAccountId ?? null,
        parentPayrollId: null,
        areaId: cycle.areaId,
        areaPath: cycle.areaPath,
        generationJobId: null,
        submissionJobId: null,
      });
      try {
        return await em.save(record);
      } catch (error) {
        if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new AppError('CONFLICT', 'payment.errors.duplicateCode', { code: record.code }, [{ field: 'code', key: 'payment.errors.duplicateCode', args: { code: record.code } }]);
        }
        throw error;
      }
    });
    await this.startGeneration(payroll.id);
    return (await this.findById(payroll.id)) ?? payroll;
  }

  /** (Re)generates a DRAFT payroll: a second run adds only beneficiaries missing from the cycle. */
  async startGeneration(payrollId: string): Promise<Job> {
    const payroll = await this.findById(payrollId);
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    if (payroll.status !== PayrollStatus.DRAFT) throw conflict('payment.errors.payrollNotEditable', { status: payroll.status });
    const job = await this.jobs.enqueue(PAYROLL_GENERATION_QUEUE, 'payroll-generation', { payrollId } satisfies GenerationPayload, { createdBy: RequestContext.actor()?.userId ?? null });
    await this.dataSource.query(`UPDATE payment.payroll SET generation_job_id = $2 WHERE id = $1`, [payrollId, job.id]);
    return job;
  }

  /**
   * The generation job: the programme's beneficiaries in a few id-range chunks (GENERATION_CHUNK each), one set-based
   * statement per chunk committed with its checkpoint; then the duplicate flags, in one statement. A crash resumes
   * at the first uncommitted chunk; a chunk run twice adds nothing (unique (cycle, beneficiary, attempt)).
   */
  async runGeneration(job: JobContext<GenerationPayload, GenerationCheckpoint>): Promise<GenerationCheckpoint> {
    const payroll = await this.dataSource.getRepository(Payroll).findOneBy({ id: job.payload.payrollId });
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    const cycle = await this.dataSource.getRepository(Cycle).findOneByOrFail({ id: payroll.cycleId });
    const ruleSet = await this.dataSource.getRepository(BenefitRuleSet).findOneByOrFail({ id: payroll.ruleSetId! });
    const program = await this.programs.findById(payroll.programId);
    if (!program) throw notFound('payment.errors.programNotFound');
    const r = ruleSet.rules;
    const chunk = job.payload.chunk && job.payload.chunk > 0 ? Math.floor(job.payload.chunk) : GENERATION_CHUNK;
    const unit = program.targetUnit === 'INDIVIDUAL' ? 'INDIVIDUAL' : 'HOUSEHOLD';
    const scope = generationScope(cycle.areaPath, RequestContext.actor()?.areaPaths ?? null);
    let state: GenerationCheckpoint = job.checkpoint ?? { lastId: null, inserted: 0, done: 0, total: 0 };
    // decided once, at the start: a resumed first generation finds the lines of its own committed chunks, which
    // belong to other beneficiaries than the chunks left
    if (state.again === undefined) {
      const [{ again }] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM payment.payroll_line WHERE cycle_id = $1 AND attempt = 1) AS again`, [cycle.id])) as { again: boolean }[];
      state = { ...state, again };
    }
    const sql = generationSql(unit, r.topUps.length > 0, state.again);
    if (!state.generated && state.boundsOf !== 'subject') state = { ...state, bounds: undefined, lastId: null, done: 0 };
    if (!state.bounds && !state.generated) {
      const bounds = ((await this.dataSource.query(generationBoundsSql(unit), [payroll.programId, chunk])) as { id: string }[]).map((b) => b.id);
      const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE'`, [payroll.programId])) as { n: number }[];
      state = { ...state, bounds: state.lastId ? bounds.filter((b) => b > state.lastId!) : bounds, total: n, boundsOf: 'subject' };
    }
    while (!state.generated) {
      if (await job.isCancelled()) throw new JobCancelledError();
      const upTo = state.bounds!.find((b) => state.lastId === null || b > state.lastId) ?? null;
      state = await this.dataSource.transaction(async (em) => {
        // a payroll that left DRAFT meanwhile is never written to
        const [locked] = (await em.query(`SELECT status FROM payment.payroll WHERE id = $1 FOR SHARE`, [payroll.id])) as { status: string }[];
        if (locked.status !== PayrollStatus.DRAFT) throw conflict('payment.errors.payrollNotEditable', { status: locked.status });
        for (const setting of GENERATION_SETTINGS) await em.query(setting);
        const [row] = (await em.query(sql, [
          payroll.id, cycle.id, payroll.programId, cycle.period, cycle.currency, cycle.plannedDate, ruleSet.ruleVersion, r.base, r.baseAmountMinor,
          r.memberCap ?? null, r.maxPerTransactionMinor ?? null, r.roundingMinor, JSON.stringify(r.topUps), state.lastId, upTo, scope,
        ])) as { inserted: number }[];
        const next: GenerationCheckpoint = {
          ...state,
          lastId: upTo,
          done: upTo === null ? state.total : Math.min(state.total, state.done + Math.ceil(state.total / Math.max(1, Math.round(state.total / chunk)))),
          inserted: state.inserted + row.inserted,
          generated: upTo === null,
        };
        await job.saveCheckpoint(next, em);
        return next;
      });
      await job.updateProgress(state.total ? Math.min(0.95, (0.95 * state.done) / state.total) : 0.95);
    }
    if (state.flagged === undefined) {
      state = await this.dataSource.transaction(async (em) => {
        const [{ flagged }] = (await em.query(FLAG_SQL, [payroll.id, job.createdBy])) as { flagged: number }[];
        await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: payroll.id, details: { operation: 'generate', inserted: state.inserted, flagged, jobId: job.id } });
        const next = { ...state, flagged };
        await job.saveCheckpoint(next, em);
        return next;
      });
    }
    await job.updateProgress(1);
    return state;
  }

  // ---------- transitions ----------

  /** Locks a visible payroll for a change and checks the declared transition. */
  private async lockFor(em: EntityManager, payrollId: string, to: PayrollStatus): Promise<Payroll> {
    const payroll = await this.scoped(em).andWhere('r.id = :id', { id: payrollId }).setLock('pessimistic_write').getOne();
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    if (!isPayrollTransitionAllowed(payroll.status, to)) throw conflict('payment.errors.transitionNotAllowed', { from: payroll.status, to });
    return payroll;
  }

  private async setStatus(em: EntityManager, payroll: Payroll, to: PayrollStatus, reason?: string | null): Promise<Payroll> {
    const from = payroll.status;
    await em.query(`UPDATE payment.payroll SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [payroll.id, to]);
    await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: payroll.id, changes: { status: { before: from, after: to } }, details: { operation: 'transition', reason: reason ?? null } });
    payroll.status = to;
    return payroll;
  }

  async moveLines(em: EntityManager, payrollId: string, from: LineStatus[], to: LineStatus, lineIds: string[] | null, reason: string | null, source: string): Promise<number> {
    const [{ moved }] = (await em.query(lineTransitionSql(from), [payrollId, from, to, lineIds, reason, source, RequestContext.actor()?.userId ?? null])) as { moved: number }[];
    if (moved) await this.audit.record(em, { action: 'UPDATE', entityType: 'PayrollLine', details: { operation: 'transition', payrollId, from, to, moved, reason, source } });
    return moved;
  }

  /** DRAFT → PENDING_APPROVAL: only once generated, with no flagged line left to review. */
  async submitForApproval(payrollId: string): Promise<Payroll> {
    // another cycle of the same period may have been generated or paid since this one: its lines are held first, in a
    // transaction of their own, so that they stay held (for review) when the submission below is refused for them
    await this.dataSource.transaction(async (em) => {
      const payroll = await this.lockFor(em, payrollId, PayrollStatus.PENDING_APPROVAL);
      const [{ flagged }] = (await em.query(FLAG_SQL, [payroll.id, RequestContext.actor()?.userId ?? null])) as { flagged: number }[];
      if (flagged) await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: payroll.id, details: { operation: 'flagOnSubmit', flagged } });
    });
    return this.dataSource.transaction(async (em) => {
      const payroll = await this.lockFor(em, payrollId, PayrollStatus.PENDING_APPROVAL);
      const [counts] = (await em.query(
        `SELECT count(*) FILTER (WHERE status = 'FLAGGED')::int AS flagged, count(*) FILTER (WHERE status = 'CREATED')::int AS created FROM payment.payroll_line WHERE payroll_id = $1`,
        [payroll.id],
      )) as { flagged: number; created: number }[];
      if (counts.flagged > 0) throw conflict('payment.errors.flaggedLinesLeft', { count: counts.flagged });
      if (counts.created === 0) throw conflict('payment.errors.emptyPayroll');
      const running = payroll.generationJobId && (await em.query(`SELECT 1 FROM core.job WHERE id = $1 AND status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')`, [payroll.generationJobId])) as unknown[];
      if (running && running.length) throw conflict('payment.errors.generationRunning');
      return this.setStatus(em, payroll, PayrollStatus.PENDING_APPROVAL);
    });
  }

  /** PENDING_APPROVAL → APPROVED (the resolver puts it under maker-checker): every CREATED line is approved. */
  async approve(payrollId: string): Promise<Payroll> {
    return this.dataSource.transaction(async (em) => {
      const payroll = await this.lockFor(em, payrollId, PayrollStatus.APPROVED);
      await this.moveLines(em, payroll.id, [LineStatus.CREATED], LineStatus.APPROVED, null, null, 'APPROVAL');
      return this.setStatus(em, payroll, PayrollStatus.APPROVED);
    });
  }

  /** PENDING_APPROVAL → REJECTED → DRAFT, both audited. */
  async reject(payrollId: string, reason?: string | null): Promise<Payroll> {
    return this.dataSource.transaction(async (em) => {
      const payroll = await this.lockFor(em, payrollId, PayrollStatus.REJECTED);
      await this.setStatus(em, payroll, PayrollStatus.REJECTED, reason);
      return this.setStatus(em, payroll, PayrollStatus.DRAFT, reason);
    });
  }

  /** A reviewer releases flagged lines (back to CREATED, keeping their reasons) or cancels lines; DRAFT only. */
  async decideLines(payrollId: string, lineIds: string[], decision: 'RELEASE' | 'CANCEL', reason?: string | null): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const payroll = await this.scoped(em).andWhere('r.id = :id', { id: payrollId }).setLock('pessimistic_write').getOne();
      if (!payroll) throw notFound('payment.errors.payrollNotFound');
      if (payroll.status !== PayrollStatus.DRAFT) throw conflict('payment.errors.payrollNotEditable', { status: payroll.status });
      // lines outside the caller's areas are left out like unknown ones
      const scope = scopePatterns();
      const visible = (await em.query(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND id = ANY($2::uuid[]) AND ($3::text[] IS NULL OR area_path LIKE ANY($3::text[]))`, [payroll.id, lineIds, scope])) as { id: string }[];
      const ids = visible.map((v) => v.id);
      const moved = decision === 'RELEASE'
        ? await this.moveLines(em, payroll.id, [LineStatus.FLAGGED], LineStatus.CREATED, ids, reason ?? null, 'REVIEW')
        : await this.moveLines(em, payroll.id, [LineStatus.FLAGGED, LineStatus.CREATED], LineStatus.CANCELLED, ids, reason ?? null, 'REVIEW');
      if (moved !== lineIds.length) throw conflict('payment.errors.linesNotDecidable', { requested: lineIds.length, allowed: moved });
      return moved;
    });
  }

  /** A DRAFT follow-up payroll carrying the FAILED lines (not yet carried) of a payroll in payment. */
  async createFollowUp(parentId: string, code: string): Promise<Payroll> {
    const payroll = await this.dataSource.transaction(async (em) => {
      const parent = await this.scoped(em).andWhere('r.id = :id', { id: parentId }).setLock('pessimistic_write').getOne();
      if (!parent) throw notFound('payment.errors.payrollNotFound');
      if (![PayrollStatus.IN_PAYMENT, PayrollStatus.RECONCILED].includes(parent.status)) throw conflict('payment.errors.followUpNotAllowed', { status: parent.status });
      const record = await em.save(em.create(Payroll, { ...parent, id: undefined, code: code.trim(), status: PayrollStatus.DRAFT, parentPayrollId: parent.id, generationJobId: null, submissionJobId: null, version: undefined, createdAt: undefined, updatedAt: undefined }));
      const [{ carried }] = (await em.query(
        `WITH src AS (
           SELECT l.* FROM payment.payroll_line l WHERE l.payroll_id = $1 AND l.status = 'FAILED' AND l.carried_to_id IS NULL FOR UPDATE
         ), ins AS (
           INSERT INTO payment.payroll_line (payroll_id, cycle_id, program_id, beneficiary_id, attempt, household_id, individual_id, recipient_id, recipient_name,
             phone, document_number, account_number, area_id, area_path, payment_point_id, period, currency, amount_minor, rule_version, components, carried_from_id)
           SELECT $2, src.cycle_id, src.program_id, src.beneficiary_id, src.attempt + 1, src.household_id, src.individual_id, src.recipient_id, src.recipient_name,
             src.phone, src.document_number, src.account_number, src.area_id, src.area_path, src.payment_point_id, src.period, src.currency, src.amount_minor, src.rule_version, src.components, src.id
           FROM src
           RETURNING id, carried_from_id
         ), upd AS (
           UPDATE payment.payroll_line l SET carried_to_id = ins.id FROM ins WHERE l.id = ins.carried_from_id RETURNING l.id
         )
         SELECT count(*)::int AS carried FROM upd`,
        [parent.id, record.id],
      )) as { carried: number }[];
      if (!carried) throw conflict('payment.errors.nothingToCarry');
      await this.audit.record(em, { action: 'CREATE', entityType: 'Payroll', entityId: record.id, details: { operation: 'followUp', parentId: parent.id, carried } });
      return record;
    });
    return (await this.findById(payroll.id)) ?? payroll;
  }

  // ---------- lines and reports ----------

  lines(args: PayrollLinesArgs): Promise<ConnectionShape<PayrollLine>> {
    const query = applyAreaScope(this.dataSource.getRepository(PayrollLine).createQueryBuilder('l'), 'l.area_path').andWhere('l.payroll_id = :payrollId', { payrollId: args.payrollId });
    if (args.status) query.andWhere('l.status = :status', { status: args.status });
    // a flagged line keeps its flags: said outright, the small index of lines with flags serves the review list
    if (args.status === LineStatus.FLAGGED) query.andWhere(`l.flags <> '{}'`);
    return paginate(query, args, []);
  }

  /** Totals of the lines the caller may see, exact (bigint sums as text). */
  async summary(payrollId: string): Promise<PayrollSummary> {
    const params: unknown[] = [payrollId];
    const rows = (await this.dataSource.query(
      `SELECT status AS key, count(*)::int AS count, coalesce(sum(amount_minor), 0)::text AS "amountMinor" FROM payment.payroll_line
       WHERE payroll_id = $1 AND ${areaScopeCondition('area_path', params)} GROUP BY status ORDER BY status`,
      params,
    )) as { key: string; count: number; amountMinor: string }[];
    const sum = (keys: string[]) => rows.filter((r) => keys.includes(r.key)).reduce((a, r) => a + BigInt(r.amountMinor), 0n).toString();
    return {
      byStatus: rows,
      plannedMinor: sum(Object.values(LineStatus).filter((s) => s !== LineStatus.CANCELLED)),
      paidMinor: sum([LineStatus.PAID, LineStatus.RECONCILED]),
      failedMinor: sum([LineStatus.FAILED]),
    };
  }

  /** Planned vs paid vs failed per area (the line's area) and per payment point, within the caller's areas. */
  async reconciliationReport(payrollId: string): Promise<ReconciliationReport> {
    const params: unknown[] = [payrollId];
    const where = `l.payroll_id = $1 AND ${areaScopeCondition('l.area_path', params)}`;
    const totals = `count(*) FILTER (WHERE l.status <> 'CANCELLED')::int AS "plannedCount", coalesce(sum(l.amount_minor) FILTER (WHERE l.status <> 'CANCELLED'), 0)::text AS "plannedMinor",
      count(*) FILTER (WHERE l.status IN ('PAID', 'RECONCILED'))::int AS "paidCount", coalesce(sum(coalesce(l.paid_amount_minor, l.amount_minor)) FILTER (WHERE l.status IN ('PAID', 'RECONCILED')), 0)::text AS "paidMinor",
      count(*) FILTER (WHERE l.status = 'FAILED')::int AS "failedCount", coalesce(sum(l.amount_minor) FILTER (WHERE l.status = 'FAILED'), 0)::text AS "failedMinor"`;
    const byArea = (await this.dataSource.query(
      `SELECT a.code AS key, ${totals} FROM payment.payroll_line l JOIN geo.admin_area a ON a.id = l.area_id WHERE ${where} GROUP BY a.code ORDER BY a.code`,
      params,
    )) as ReconciliationRow[];
    const byPaymentPoint = (await this.dataSource.query(
      `SELECT coalesce(p.code, '-') AS key, ${totals} FROM payment.payroll_line l LEFT JOIN payment.payment_point p ON p.id = l.payment_point_id WHERE ${where} GROUP BY p.code ORDER BY p.code NULLS LAST`,
      params,
    )) as ReconciliationRow[];
    return { byArea, byPaymentPoint };
  }

  /** The area of an input, within the caller's scope. */
  async areaOf(areaId: string) {
    return this.areas.findById(areaId);
  }
}
