import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { applyAreaScope, ApprovalService, canonicalJson, conflict, type ConnectionShape, fastMany, forbidden, invalidField, notFound, paginate, PendingOperation, PendingOperationStatus, RequestContext } from '@coremis/core';
import { RecordChangeService } from '@coremis/registry';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeRecordType, type DataChangeField, DataChangeRequest, DataChangeStatus } from '../entities/data-change-request.entity';
import { TicketService } from '../ticket.service';
import type { CreateDataChangeRequestInput, DataChangeRequestsArgs, RejectDataChangeRequestInput } from './data-change.inputs';

/** The approvable operation that applies a request; its flow's levels are the request's approvals. */
export const APPLY_CHANGE_OPERATION = 'grm.changes.apply';
/** Without an approval flow, who may apply or reject a request (never their own). */
export const APPLY_CHANGE_PERMISSION = 'grm.changes.apply';
const TEXT_MAX = 1000;

const sameValue = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Data-change requests: proposed values for fields of one household or individual, applied through the
 * registry (its validation, area scope and per-field audit trail) only once approved, or flagged STALE when
 * the record changed meanwhile. Every read and write is limited to the caller's areas, in SQL.
 */
@Injectable()
export class DataChangeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordChangeService,
    private readonly approvals: ApprovalService,
    private readonly tickets: TicketService,
    private readonly areas: AdminAreaService,
  ) {}

  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(DataChangeRequest).createQueryBuilder('r'), 'r.area_path');
  }

  fields(recordType: ChangeRecordType) {
    return this.records.fields(recordType);
  }

  async list(args: DataChangeRequestsArgs): Promise<ConnectionShape<DataChangeRequest>> {
    await this.syncRejections();
    const query = this.scoped();
    const f = args.filter ?? {};
    if (f.status) query.andWhere('r.status = :status', { status: f.status });
    if (f.recordType) query.andWhere('r.record_type = :recordType', { recordType: f.recordType });
    if (f.householdId) query.andWhere('r.household_id = :householdId', { householdId: f.householdId });
    if (f.recordId) query.andWhere('r.record_id = :recordId', { recordId: f.recordId });
    if (f.ticketId) query.andWhere('r.ticket_id = :ticketId', { ticketId: f.ticketId });
    if (f.areaId) {
      const area = await this.areas.findById(f.areaId);
      if (!area) throw invalidField('filter.areaId', 'grm.errors.areaNotFound');
      query.andWhere('r.area_path LIKE :areaPrefix', { areaPrefix: `${area.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    const search = f.search?.trim();
    if (search) query.andWhere('r.record_label ILIKE :pattern', { pattern: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return paginate(query, args, [{ expression: 'r.created_at', value: (row) => row.createdAt }], { descending: true, sortTag: 'created' });
  }

  async findById(id: string): Promise<DataChangeRequest | null> {
    await this.syncRejections();
    return (await fastMany(this.scoped().andWhere('r.id = :id', { id })))[0] ?? null;
  }

  async approvalsOf(operationIds: readonly string[]): Promise<PendingOperation[]> {
    if (!operationIds.length) return [];
    return this.dataSource.getRepository(PendingOperation).createQueryBuilder('op').where('op.id = ANY(:ids)', { ids: operationIds }).getMany();
  }

  /**
   * Records the request with the values the record holds now. With an enabled approval flow for
   * `grm.changes.apply` it is sent for approval at once, the requester being the maker.
   */
  async create(input: CreateDataChangeRequestInput): Promise<DataChangeRequest> {
    input.changes.forEach((change, index) => {
      const value = change.newValue ?? null;
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) throw invalidField(`changes.${index}.newValue`, 'grm.changes.errors.scalarValue');
      if (typeof value === 'string' && value.length > TEXT_MAX) throw invalidField(`changes.${index}.newValue`, 'core.validation.maxLength', { c0: TEXT_MAX });
    });
    const changes = input.changes.map((c) => ({ field: c.field, newValue: typeof c.newValue === 'string' ? c.newValue.trim() || null : (c.newValue ?? null) }));
    await this.records.validate(input.recordType, changes);
    if (input.ticketId && !(await this.tickets.findById(input.ticketId))) throw invalidField('ticketId', 'grm.errors.notFound');
    const snapshot = await this.records.snapshot(input.recordType, input.recordId, changes.map((c) => c.field));
    if (!snapshot) throw invalidField('recordId', 'grm.changes.errors.recordNotFound');
    const stored: DataChangeField[] = changes.map((c) => ({ field: c.field, oldValue: snapshot.values[c.field] ?? null, newValue: c.newValue }));
    const unchanged = stored.findIndex((c) => sameValue(c.oldValue, c.newValue));
    if (unchanged >= 0) throw invalidField(`changes.${unchanged}.newValue`, 'grm.changes.errors.sameValue', { field: stored[unchanged].field });
    const actor = RequestContext.actor();
    const flow = await this.approvals.enabledFlow(APPLY_CHANGE_OPERATION);
    const saved = await this.dataSource.transaction((em) =>
      em.save(
        em.create(DataChangeRequest, {
          recordType: input.recordType,
          recordId: snapshot.id,
          recordLabel: snapshot.label.slice(0, 250),
          householdId: snapshot.householdId,
          areaPath: snapshot.areaPath,
          recordVersion: snapshot.version,
          changes: stored,
          reason: input.reason.trim(),
          ticketId: input.ticketId ?? null,
          status: DataChangeStatus.PENDING,
          pendingOperationId: null,
          requestedById: actor?.userId ?? null,
          requestedBy: actor?.username ?? null,
          staleFields: [],
          decidedAt: null,
          decisionNote: null,
        }),
      ),
    );
    if (!flow) return saved;
    try {
      const pending = await this.approvals.submit(APPLY_CHANGE_OPERATION, { id: saved.id }, flow);
      await this.dataSource.transaction(async (em) => {
        saved.pendingOperationId = pending.id;
        await em.save(saved);
      });
      return saved;
    } catch (error) {
      // a request that could not be sent for approval is not left behind
      await this.dataSource.getRepository(DataChangeRequest).delete({ id: saved.id });
      throw error;
    }
  }

  /**
   * Applies a request: as the run of its approved operation, or, when no approval flow is enabled, by a
   * checker holding `grm.changes.apply` who is not the requester. A record changed since the request was
   * made (a field no longer holds the old value) is not overwritten: the request becomes STALE.
   */
  async apply(id: string): Promise<DataChangeRequest> {
    const request = await this.dataSource.transaction(async (em) => {
      const record = await this.locked(em, id);
      if (record.status !== DataChangeStatus.PENDING) throw conflict('grm.changes.errors.notPending', { status: record.status });
      await this.assertMayApply(record);
      const outcome = await this.records.apply(
        record.recordType,
        record.recordId,
        record.changes.map((c) => ({ field: c.field, oldValue: c.oldValue ?? null, newValue: c.newValue ?? null })),
        em,
      );
      record.decidedAt = new Date();
      if (outcome.applied) record.status = DataChangeStatus.APPLIED;
      else {
        record.status = DataChangeStatus.STALE;
        record.staleFields = outcome.staleFields;
      }
      return em.save(record);
    });
    return request;
  }

  /** Without an approval flow: a checker refuses the request. With one, the approval is rejected instead. */
  async reject(input: RejectDataChangeRequestInput): Promise<DataChangeRequest> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.locked(em, input.id);
      if (record.status !== DataChangeStatus.PENDING) throw conflict('grm.changes.errors.notPending', { status: record.status });
      if (record.pendingOperationId) throw conflict('grm.changes.errors.decidedByApproval');
      this.assertChecker(record);
      record.status = DataChangeStatus.REJECTED;
      record.decidedAt = new Date();
      record.staleFields = [];
      record.decisionNote = input.reason.trim();
      return em.save(record);
    });
  }

  private async assertMayApply(record: DataChangeRequest): Promise<void> {
    if (record.pendingOperationId) {
      const [operation] = await this.approvalsOf([record.pendingOperationId]);
      // only the run of its own approved operation applies a request sent for approval
      if (operation?.status === PendingOperationStatus.EXECUTING) return;
      throw conflict('grm.changes.errors.awaitingApproval');
    }
    if (await this.approvals.enabledFlow(APPLY_CHANGE_OPERATION)) throw conflict('grm.changes.errors.awaitingApproval');
    this.assertChecker(record);
  }

  private assertChecker(record: DataChangeRequest): void {
    const actor = RequestContext.actor();
    if (!actor) return;
    if (!actor.permissions.has('*') && !actor.permissions.has(APPLY_CHANGE_PERMISSION)) throw forbidden('grm.changes.errors.checkerRequired');
    if (record.requestedById && record.requestedById === actor.userId) throw forbidden('grm.changes.errors.ownRequest');
  }

  private async locked(em: EntityManager, id: string): Promise<DataChangeRequest> {
    const record = await this.scoped(em).andWhere('r.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!record) throw notFound('grm.changes.errors.notFound');
    return record;
  }

  /** Requests whose approval was rejected or withdrawn are REJECTED (the decision itself is in core's audit trail). */
  private async syncRejections(): Promise<void> {
    await this.dataSource.query(
      `UPDATE grm.data_change_request r SET status = 'REJECTED', decided_at = po.updated_at, updated_at = now(), version = r.version + 1
         FROM core.pending_operation po
        WHERE po.id = r.pending_operation_id AND r.status = 'PENDING' AND po.status IN ('REJECTED', 'CANCELLED')`,
    );
  }
}
