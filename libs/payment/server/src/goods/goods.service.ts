import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProgramService } from '@coremis/programs';
import { AppError, applyAreaScope, areaScopeCondition, areaScopePatterns, AuditService, conflict, invalidField, type Job, JobCancelledError, type JobContext, JobService, notFound, paginate, RequestContext, type ConnectionShape } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { CycleService } from '../cycle.service';
import { isPayrollTransitionAllowed, LineStatus, PayrollStatus } from '../payment-vocabulary';
import { GENERATION_SETTINGS, generationBoundsSql } from '../payroll/payroll-generation.sql';
import { GENERATION_CHUNK, generationScope } from '../payroll/payroll.service';
import { PaymentPointService } from '../points/payment-point.service';
import { GoodsDistribution, GoodsEntitlement, GoodsItem, GoodsRuleSet } from './goods.entities';
import type { CreateGoodsDistributionInput, GoodsDistributionsArgs, GoodsEntitlementsArgs, GoodsItemsArgs, SaveGoodsItemInput, SaveGoodsRulesInput, StockMovementInput, StockMovementsArgs } from './goods.inputs';
import type { GoodsReconciliationReport, GoodsReconciliationRow, GoodsStockLine, GoodsStockMovementPage } from './goods.models';
import { ENTITLEMENT_TRANSITION_SQL, goodsGenerationSql } from './goods.sql';

export const GOODS_GENERATION_QUEUE = 'payment.goods-generation';

export interface GoodsGenerationPayload extends Record<string, unknown> {
  distributionId: string;
  /** Beneficiaries per statement (default: a payroll chunk's entitlements, shared among the items; smaller in tests). */
  chunk?: number;
}

export interface GoodsGenerationCheckpoint extends Record<string, unknown> {
  /** the upper bound (person or household id) of the last committed chunk (null: none yet) */
  lastId: string | null;
  /** the chunks' upper bounds, computed once (generationBoundsSql); after the last one a chunk runs to the end */
  bounds?: string[];
  total: number;
  done: number;
  inserted: number;
  generated?: boolean;
}

const UNIQUE_VIOLATION = '23505';
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Goods distribution: the item catalogue, versioned goods rules, one distribution per cycle with its in-kind
 * entitlements (generated set-based, idempotent), the payroll's states and approval, stock at payment points with
 * a ledger of movements, and the planned vs delivered report. Reads and writes are limited to the caller's areas.
 */
@Injectable()
export class GoodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramService,
    private readonly cycles: CycleService,
    private readonly points: PaymentPointService,
    private readonly audit: AuditService,
    private readonly jobs: JobService,
  ) {}

  // ---------- catalogue ----------

  items(args: GoodsItemsArgs): Promise<ConnectionShape<GoodsItem>> {
    const query = this.dataSource.getRepository(GoodsItem).createQueryBuilder('r');
    const search = args.search?.trim();
    if (search) query.andWhere(`(r.code ILIKE :p OR r.names::text ILIKE :p)`, { p: `%${escapeLike(search)}%` });
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  itemsByIds(ids: readonly string[]): Promise<GoodsItem[]> {
    return ids.length ? this.dataSource.getRepository(GoodsItem).createQueryBuilder('r').where('r.id IN (:...ids)', { ids }).getMany() : Promise.resolve([]);
  }

  async saveItem(input: SaveGoodsItemInput): Promise<GoodsItem> {
    return this.dataSource.transaction(async (em) => {
      let record: GoodsItem;
      if (input.id) {
        const found = await em.getRepository(GoodsItem).findOne({ where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
        if (!found) throw notFound('payment.goods.errors.itemNotFound');
        record = found;
      } else record = em.create(GoodsItem, {});
      Object.assign(record, {
        code: input.code.trim(),
        names: { en: input.names.en.trim(), fr: input.names.fr?.trim() || null, pt: input.names.pt?.trim() || null },
        unit: input.unit,
        unitValueMinor: input.unitValueMinor,
        currency: input.currency,
        active: input.active,
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
  }

  // ---------- rules ----------

  /** A new version of the programme's goods rules; earlier versions stay, entitlements keep theirs. */
  async saveRules(input: SaveGoodsRulesInput): Promise<GoodsRuleSet> {
    const program = await this.programs.findById(input.programId);
    if (!program) throw invalidField('programId', 'payment.errors.programNotFound');
    const itemIds = [...new Set(input.rules.map((r) => r.itemId))];
    if (itemIds.length !== input.rules.length) throw invalidField('rules', 'payment.goods.errors.itemTwice');
    const items = await this.itemsByIds(itemIds);
    if (items.length !== itemIds.length || items.some((i) => !i.active)) throw invalidField('rules', 'payment.goods.errors.itemNotFound');
    input.rules.forEach((r, index) => {
      if (r.perHousehold === 0 && r.perMember === 0) throw invalidField(`rules.${index}.perHousehold`, 'payment.goods.errors.quantityPositive');
    });
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('payment.goods-rules:' || $1))`, [program.id]);
      const [{ next }] = (await em.query(`SELECT coalesce(max(rule_version), 0) + 1 AS next FROM payment.goods_rule_set WHERE program_id = $1`, [program.id])) as { next: number }[];
      const rules = input.rules.map((r) => ({ itemId: r.itemId, perHousehold: r.perHousehold, perMember: r.perMember, memberCap: r.memberCap ?? null }));
      return em.save(em.create(GoodsRuleSet, { programId: program.id, ruleVersion: next, rules }));
    });
  }

  async ruleSets(programId: string): Promise<GoodsRuleSet[]> {
    if (!(await this.programs.findById(programId))) return [];
    return this.dataSource.getRepository(GoodsRuleSet).find({ where: { programId }, order: { ruleVersion: 'DESC' } });
  }

  // ---------- distributions ----------

  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(GoodsDistribution).createQueryBuilder('r'), 'r.area_path');
  }

  findById(id: string): Promise<GoodsDistribution | null> {
    return this.scoped().andWhere('r.id = :id', { id }).getOne();
  }

  distributions(args: GoodsDistributionsArgs): Promise<ConnectionShape<GoodsDistribution>> {
    const query = this.scoped();
    if (args.cycleId) query.andWhere('r.cycle_id = :cycleId', { cycleId: args.cycleId });
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  entitlements(args: GoodsEntitlementsArgs): Promise<ConnectionShape<GoodsEntitlement>> {
    const query = applyAreaScope(this.dataSource.getRepository(GoodsEntitlement).createQueryBuilder('r'), 'r.area_path').andWhere('r.distribution_id = :d', { d: args.distributionId });
    if (args.status) query.andWhere('r.status = :status', { status: args.status });
    if (args.paymentPointId) query.andWhere('r.payment_point_id = :point', { point: args.paymentPointId });
    return paginate(query, args, []);
  }

  /**
   * Creates the DRAFT distribution of a cycle with the programme's latest goods rules, and its generation job in the
   * same transaction: the distribution never exists without the job that fills it.
   */
  async create(input: CreateGoodsDistributionInput): Promise<GoodsDistribution> {
    return this.dataSource.transaction(async (em) => {
      const cycle = await this.cycles.findForUse(em, input.cycleId);
      if (!cycle) throw invalidField('cycleId', 'payment.errors.cycleNotFound');
      const [rules] = (await em.query(`SELECT id FROM payment.goods_rule_set WHERE program_id = $1 ORDER BY rule_version DESC LIMIT 1`, [cycle.programId])) as { id: string }[];
      if (!rules) throw conflict('payment.goods.errors.noRules');
      const record = em.create(GoodsDistribution, { cycleId: cycle.id, programId: cycle.programId, code: input.code.trim(), status: PayrollStatus.DRAFT, ruleSetId: rules.id, areaId: cycle.areaId, areaPath: cycle.areaPath, generationJobId: null });
      try {
        await em.save(record);
      } catch (error) {
        if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
          const detail = String((error as unknown as { constraint?: string }).constraint ?? '');
          if (detail.includes('cycle')) throw conflict('payment.goods.errors.cycleHasDistribution');
          throw new AppError('CONFLICT', 'payment.errors.duplicateCode', { code: record.code }, [{ field: 'code', key: 'payment.errors.duplicateCode', args: { code: record.code } }]);
        }
        throw error;
      }
      await this.audit.record(em, { action: 'CREATE', entityType: 'GoodsDistribution', entityId: record.id, areaPath: record.areaPath, details: { code: record.code, cycleId: cycle.id } });
      await this.enqueueGeneration(em, record);
      return record;
    });
  }

  /** DRAFT only: a new generation job, which adds the entitlements the distribution lacks (new beneficiaries). */
  async startGeneration(distributionId: string): Promise<Job> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, distributionId);
      if (record.status !== PayrollStatus.DRAFT) throw conflict('payment.errors.payrollNotEditable', { status: record.status });
      if (await this.generating(em, record)) throw conflict('payment.goods.errors.generationRunning');
      return this.enqueueGeneration(em, record);
    });
  }

  private async enqueueGeneration(em: EntityManager, record: GoodsDistribution): Promise<Job> {
    const payload: GoodsGenerationPayload = { distributionId: record.id };
    const job = await this.jobs.enqueue(GOODS_GENERATION_QUEUE, 'goods-generation', payload, { createdBy: RequestContext.actor()?.userId ?? null, manager: em });
    await em.query(`UPDATE payment.goods_distribution SET generation_job_id = $2 WHERE id = $1`, [record.id, job.id]);
    record.generationJobId = job.id;
    return job;
  }

  private async generating(em: EntityManager, record: GoodsDistribution): Promise<boolean> {
    if (!record.generationJobId) return false;
    const running = (await em.query(`SELECT 1 FROM core.job WHERE id = $1 AND status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')`, [record.generationJobId])) as unknown[];
    return running.length > 0;
  }

  /**
   * The generation job: the programme's beneficiaries in id-range chunks (as a payroll's), one set-based statement per
   * chunk committed with its checkpoint, within the cycle's area narrowed to the maker's areas. A crash resumes at the
   * first uncommitted chunk; a chunk run twice adds nothing (unique (cycle, beneficiary, item)).
   */
  async runGeneration(job: JobContext<GoodsGenerationPayload, GoodsGenerationCheckpoint>): Promise<GoodsGenerationCheckpoint> {
    const record = await this.dataSource.getRepository(GoodsDistribution).findOneBy({ id: job.payload.distributionId });
    if (!record) throw notFound('payment.goods.errors.distributionNotFound');
    const [ruleSet] = (await this.dataSource.query(`SELECT rule_version, rules FROM payment.goods_rule_set WHERE id = $1`, [record.ruleSetId])) as { rule_version: number; rules: unknown[] }[];
    const [cycle] = (await this.dataSource.query(`SELECT planned_date::text AS planned_date, area_path FROM payment.cycle WHERE id = $1`, [record.cycleId])) as { planned_date: string; area_path: string }[];
    const program = await this.programs.findById(record.programId);
    if (!program) throw notFound('payment.errors.programNotFound');
    const unit = program.targetUnit === 'INDIVIDUAL' ? 'INDIVIDUAL' : 'HOUSEHOLD';
    // a statement writes about as many rows as a payroll chunk does: its beneficiaries times the items
    const chunk = job.payload.chunk && job.payload.chunk > 0 ? Math.floor(job.payload.chunk) : Math.max(1, Math.floor(GENERATION_CHUNK / Math.max(1, ruleSet.rules.length)));
    const sql = goodsGenerationSql(unit);
    const scope = generationScope(cycle.area_path, RequestContext.actor()?.areaPaths ?? null);
    let state: GoodsGenerationCheckpoint = job.checkpoint ?? { lastId: null, inserted: 0, done: 0, total: 0 };
    if (!state.bounds && !state.generated) {
      const bounds = ((await this.dataSource.query(generationBoundsSql(unit), [record.programId, chunk])) as { id: string }[]).map((b) => b.id);
      const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE'`, [record.programId])) as { n: number }[];
      state = { ...state, bounds, total: n };
    }
    const bounds = state.bounds ?? [];
    while (!state.generated) {
      if (await job.isCancelled()) throw new JobCancelledError();
      const upTo = bounds.find((b) => state.lastId === null || b > state.lastId) ?? null;
      state = await this.dataSource.transaction(async (em) => {
        // a distribution that left DRAFT meanwhile is never written to
        const [locked] = (await em.query(`SELECT status FROM payment.goods_distribution WHERE id = $1 FOR SHARE`, [record.id])) as { status: string }[];
        if (locked.status !== PayrollStatus.DRAFT) throw conflict('payment.errors.payrollNotEditable', { status: locked.status });
        for (const setting of GENERATION_SETTINGS) await em.query(setting);
        const [{ inserted }] = (await em.query(sql, [record.id, record.cycleId, record.programId, JSON.stringify(ruleSet.rules), ruleSet.rule_version, cycle.planned_date, scope, state.lastId, upTo])) as { inserted: number }[];
        const chunks = bounds.length + 1;
        const next: GoodsGenerationCheckpoint = {
          ...state,
          lastId: upTo,
          done: upTo === null ? state.total : Math.min(state.total, state.done + Math.ceil(state.total / chunks)),
          inserted: state.inserted + inserted,
          generated: upTo === null,
        };
        if (next.generated) {
          await this.audit.record(em, { action: 'UPDATE', entityType: 'GoodsDistribution', entityId: record.id, areaPath: record.areaPath, details: { operation: 'generate', inserted: next.inserted, ruleVersion: ruleSet.rule_version, jobId: job.id } });
        }
        await job.saveCheckpoint(next, em);
        return next;
      });
      await job.updateProgress(state.total ? Math.min(0.99, state.done / state.total) : 0.99);
    }
    await job.updateProgress(1);
    return state;
  }

  private async lock(em: EntityManager, distributionId: string, to?: PayrollStatus): Promise<GoodsDistribution> {
    const record = await this.scoped(em).andWhere('r.id = :id', { id: distributionId }).setLock('pessimistic_write').getOne();
    if (!record) throw notFound('payment.goods.errors.distributionNotFound');
    if (to && !isPayrollTransitionAllowed(record.status, to)) throw conflict('payment.errors.transitionNotAllowed', { from: record.status, to });
    return record;
  }

  private async setStatus(em: EntityManager, record: GoodsDistribution, to: PayrollStatus, reason?: string | null): Promise<GoodsDistribution> {
    const from = record.status;
    await em.query(`UPDATE payment.goods_distribution SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [record.id, to]);
    await this.audit.record(em, { action: 'UPDATE', entityType: 'GoodsDistribution', entityId: record.id, areaPath: record.areaPath, changes: { status: { before: from, after: to } }, details: { operation: 'transition', reason: reason ?? null } });
    record.status = to;
    return record;
  }

  private async move(em: EntityManager, record: GoodsDistribution, from: LineStatus, to: LineStatus, ids: string[] | null, reason: string | null, source: string, scope: string[] | null = null): Promise<number> {
    const [{ moved }] = (await em.query(ENTITLEMENT_TRANSITION_SQL, [record.id, from, to, ids, reason, source, RequestContext.actor()?.userId ?? null, scope])) as { moved: number }[];
    if (moved) await this.audit.record(em, { action: 'UPDATE', entityType: 'GoodsEntitlement', areaPath: record.areaPath, details: { operation: 'transition', distributionId: record.id, from: [from], to, moved, reason, source } });
    return moved;
  }

  async submitForApproval(distributionId: string): Promise<GoodsDistribution> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, distributionId, PayrollStatus.PENDING_APPROVAL);
      if (await this.generating(em, record)) throw conflict('payment.goods.errors.generationRunning');
      const [{ created }] = (await em.query(`SELECT count(*)::int AS created FROM payment.goods_entitlement WHERE distribution_id = $1 AND status = 'CREATED'`, [record.id])) as { created: number }[];
      if (!created) throw conflict('payment.goods.errors.empty');
      return this.setStatus(em, record, PayrollStatus.PENDING_APPROVAL);
    });
  }

  /** PENDING_APPROVAL → APPROVED (maker-checker on the resolver): every CREATED entitlement is approved and frozen. */
  async approve(distributionId: string): Promise<GoodsDistribution> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, distributionId, PayrollStatus.APPROVED);
      await this.move(em, record, LineStatus.CREATED, LineStatus.APPROVED, null, null, 'GOODS:APPROVAL');
      return this.setStatus(em, record, PayrollStatus.APPROVED);
    });
  }

  async reject(distributionId: string, reason?: string | null): Promise<GoodsDistribution> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, distributionId, PayrollStatus.REJECTED);
      await this.setStatus(em, record, PayrollStatus.REJECTED, reason);
      return this.setStatus(em, record, PayrollStatus.DRAFT, reason);
    });
  }

  /** APPROVED → IN_PAYMENT: the entitlements go to their payment points (agents download them). */
  async start(distributionId: string): Promise<GoodsDistribution> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, distributionId, PayrollStatus.IN_PAYMENT);
      await this.move(em, record, LineStatus.APPROVED, LineStatus.SUBMITTED, null, null, 'GOODS:START');
      return this.setStatus(em, record, PayrollStatus.IN_PAYMENT);
    });
  }

  /** DRAFT only: a reviewer cancels entitlements (within their areas). */
  async cancel(distributionId: string, ids: string[], reason?: string | null): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, distributionId);
      if (record.status !== PayrollStatus.DRAFT) throw conflict('payment.errors.payrollNotEditable', { status: record.status });
      const moved = await this.move(em, record, LineStatus.CREATED, LineStatus.CANCELLED, ids, reason ?? null, 'GOODS:REVIEW', areaScopePatterns());
      if (moved !== new Set(ids).size) throw conflict('payment.errors.linesNotDecidable', { allowed: moved, requested: ids.length });
      return moved;
    });
  }

  /**
   * Reconciles what was delivered (PAID → RECONCILED) once the distribution is in payment; the distribution is
   * RECONCILED when nothing waits for delivery any more. A second call changes nothing.
   */
  async reconcile(distributionId: string): Promise<GoodsDistribution> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lock(em, distributionId);
      if (record.status !== PayrollStatus.IN_PAYMENT && record.status !== PayrollStatus.RECONCILED) throw conflict('payment.errors.notInPayment', { status: record.status });
      await this.move(em, record, LineStatus.PAID, LineStatus.RECONCILED, null, null, 'GOODS:RECONCILIATION');
      const [{ open }] = (await em.query(`SELECT count(*)::int AS open FROM payment.goods_entitlement WHERE distribution_id = $1 AND status IN ('APPROVED', 'SUBMITTED', 'PAID')`, [record.id])) as { open: number }[];
      if (!open && record.status === PayrollStatus.IN_PAYMENT) await this.setStatus(em, record, PayrollStatus.RECONCILED);
      return record;
    });
  }

  /** Planned vs delivered (counts, quantities, value at the catalogue's unit value) per area and per point, in the caller's areas. */
  async report(distributionId: string): Promise<GoodsReconciliationReport> {
    // like the payroll's report: a district officer sees their part of a province-wide distribution
    const record = { id: distributionId };
    const params: unknown[] = [record.id];
    const where = `e.distribution_id = $1 AND ${areaScopeCondition('e.area_path', params)}`;
    const totals = `count(*) FILTER (WHERE e.status <> 'CANCELLED')::int AS "plannedCount",
      coalesce(sum(e.quantity) FILTER (WHERE e.status <> 'CANCELLED'), 0)::int AS "plannedQuantity",
      coalesce(sum(e.quantity * e.unit_value_minor) FILTER (WHERE e.status <> 'CANCELLED'), 0)::text AS "plannedValueMinor",
      count(*) FILTER (WHERE e.status IN ('PAID', 'RECONCILED'))::int AS "deliveredCount",
      coalesce(sum(e.quantity) FILTER (WHERE e.status IN ('PAID', 'RECONCILED')), 0)::int AS "deliveredQuantity",
      coalesce(sum(e.quantity * e.unit_value_minor) FILTER (WHERE e.status IN ('PAID', 'RECONCILED')), 0)::text AS "deliveredValueMinor"`;
    const byArea = (await this.dataSource.query(`SELECT a.code AS key, ${totals} FROM payment.goods_entitlement e JOIN geo.admin_area a ON a.id = e.area_id WHERE ${where} GROUP BY a.code ORDER BY a.code`, params)) as GoodsReconciliationRow[];
    const byPaymentPoint = (await this.dataSource.query(
      `SELECT coalesce(p.code, '-') AS key, ${totals} FROM payment.goods_entitlement e LEFT JOIN payment.payment_point p ON p.id = e.payment_point_id WHERE ${where} GROUP BY p.code ORDER BY p.code NULLS LAST`,
      params,
    )) as GoodsReconciliationRow[];
    return { byArea, byPaymentPoint };
  }

  // ---------- stock ----------

  /** A receipt (quantity > 0) or an adjustment (signed) at a point in the caller's areas; stock never goes below zero. */
  async moveStock(input: StockMovementInput, kind: 'RECEIPT' | 'ADJUSTMENT'): Promise<GoodsStockLine> {
    if (kind === 'RECEIPT' && input.quantity <= 0) throw invalidField('quantity', 'payment.goods.errors.quantityPositive');
    if (kind === 'ADJUSTMENT' && !input.reason?.trim()) throw invalidField('reason', 'payment.goods.errors.reasonRequired');
    const [point] = await this.points.findByIds([input.paymentPointId]);
    if (!point) throw invalidField('paymentPointId', 'payment.errors.paymentPointNotFound');
    const [item] = await this.itemsByIds([input.itemId]);
    if (!item) throw invalidField('itemId', 'payment.goods.errors.itemNotFound');
    return this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO payment.goods_stock (payment_point_id, item_id, quantity) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`, [point.id, item.id]);
      const [row] = (await em.query(
        `WITH u AS (UPDATE payment.goods_stock SET quantity = quantity + $3, updated_at = now() WHERE payment_point_id = $1 AND item_id = $2 AND quantity + $3 >= 0 RETURNING quantity) SELECT quantity FROM u`,
        [point.id, item.id, input.quantity],
      )) as { quantity: number }[];
      if (!row) {
        const [{ quantity }] = (await em.query(`SELECT quantity FROM payment.goods_stock WHERE payment_point_id = $1 AND item_id = $2`, [point.id, item.id])) as { quantity: number }[];
        throw conflict('payment.goods.errors.stockNegative', { available: quantity });
      }
      await em.query(
        `INSERT INTO payment.goods_stock_movement (payment_point_id, item_id, kind, quantity, balance, reference, reason, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [point.id, item.id, kind, input.quantity, row.quantity, input.reference?.trim() || null, input.reason?.trim() || null, RequestContext.actor()?.userId ?? null],
      );
      await this.audit.record(em, { action: 'UPDATE', entityType: 'GoodsStock', entityId: point.id, areaPath: point.areaPath, details: { operation: kind, itemId: item.id, quantity: input.quantity, balance: row.quantity, reference: input.reference ?? null } });
      return { paymentPointId: point.id, itemId: item.id, itemCode: item.code, unit: item.unit, quantity: row.quantity, committed: 0 };
    });
  }

  /** Stock of every item at a point in the caller's areas, with what is still to be delivered from it. */
  async stock(paymentPointId: string): Promise<GoodsStockLine[]> {
    const [point] = await this.points.findByIds([paymentPointId]);
    if (!point) throw notFound('payment.errors.paymentPointNotFound');
    return (await this.dataSource.query(
      `SELECT $1::uuid AS "paymentPointId", i.id AS "itemId", i.code AS "itemCode", i.unit, coalesce(s.quantity, 0) AS quantity,
         coalesce((SELECT sum(e.quantity) FROM payment.goods_entitlement e WHERE e.payment_point_id = $1 AND e.item_id = i.id AND e.status IN ('APPROVED', 'SUBMITTED')), 0)::int AS committed
       FROM payment.goods_item i LEFT JOIN payment.goods_stock s ON s.item_id = i.id AND s.payment_point_id = $1
       WHERE s.item_id IS NOT NULL OR i.active ORDER BY i.code`,
      [point.id],
    )) as GoodsStockLine[];
  }

  /** The ledger of a point, newest first, paged by id. */
  async movements(args: StockMovementsArgs): Promise<GoodsStockMovementPage> {
    const [point] = await this.points.findByIds([args.paymentPointId]);
    if (!point) throw notFound('payment.errors.paymentPointNotFound');
    const after = args.after && /^\d{1,18}$/.test(args.after) ? args.after : null;
    const rows = (await this.dataSource.query(
      `SELECT id::text AS id, item_id AS "itemId", kind, quantity, balance, reference, reason, created_at AS "createdAt" FROM payment.goods_stock_movement
       WHERE payment_point_id = $1 AND ($2::uuid IS NULL OR item_id = $2) AND ($3::bigint IS NULL OR id < $3::bigint) ORDER BY id DESC LIMIT $4`,
      [point.id, args.itemId ?? null, after, args.first + 1],
    )) as GoodsStockMovementPage['items'];
    const more = rows.length > args.first;
    const items = rows.slice(0, args.first);
    return { items, nextCursor: more ? items[items.length - 1].id : null };
  }
}
