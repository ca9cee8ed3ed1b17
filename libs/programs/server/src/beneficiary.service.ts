import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyAreaScope, AuditService, badInput, notFound, RequestContext } from '@coremis/core';
import { DataSource, type EntityManager } from 'typeorm';
import { statusTransitionSql, transitionKeys } from './beneficiary-status.sql';
import { Beneficiary } from './entities/beneficiary.entity';
import { BeneficiaryStatusChange } from './entities/beneficiary-status-change.entity';
import { Program } from './entities/program.entity';
import { BeneficiaryStatus, StatusChangeSource, TargetUnit } from './programs-vocabulary';

/** What a set-based status change did. */
export interface StatusChangeResult {
  /** Distinct subjects the selection returned. */
  selected: number;
  /** Of those, the ones inside the caller's areas and the programme's coverage. */
  inScope: number;
  /** Already in the proposed status. */
  unchanged: number;
  /** Transitions not in the declared table (left as they were). */
  refused: number;
  created: number;
  updated: number;
  /** Changes made, per new status. */
  byStatus: Record<string, number>;
}

export interface StatusSelectionInput {
  programId: string;
  /**
   * SQL returning `subject_id` (household id for household programmes, individual id otherwise),
   * `to_status` (a BeneficiaryStatus) and `score` (numeric or NULL, kept when NULL), with `$1..$n`
   * placeholders bound to `params`. Never concatenate user text into it.
   */
  selection: string;
  params: readonly unknown[];
  reasonCode: string;
  reasonText?: string | null;
  source: StatusChangeSource;
  /** The enrolment run, bulk change or review the changes come from (kept in the history). */
  sourceRef?: string | null;
  /** YYYY-MM-DD; today by default. */
  effectiveDate?: string;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Beneficiaries and their status history. Reads are limited to the caller's areas (the beneficiary's
 * household area); every status change follows the declared transition table (`STATUS_TRANSITIONS`)
 * and leaves a history row with its date, reason, source and user.
 */
@Injectable()
export class BeneficiaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every read of beneficiaries goes through here: the caller's geographic scope is applied in SQL. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Beneficiary).createQueryBuilder('b'), 'b.area_path');
  }

  findById(id: string, em?: EntityManager): Promise<Beneficiary | null> {
    return this.scoped(em).andWhere('b.id = :id', { id }).getOne();
  }

  /** The status history of beneficiaries the caller can see, newest first. */
  async historyOf(beneficiaryIds: readonly string[]): Promise<BeneficiaryStatusChange[]> {
    if (!beneficiaryIds.length) return [];
    const visible = await this.scoped().select('b.id', 'id').andWhere('b.id = ANY(:ids)', { ids: [...beneficiaryIds] }).getRawMany<{ id: string }>();
    if (!visible.length) return [];
    return this.dataSource
      .getRepository(BeneficiaryStatusChange)
      .createQueryBuilder('h')
      .where('h.beneficiary_id = ANY(:ids)', { ids: visible.map((v) => v.id) })
      .orderBy('h.created_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .getMany();
  }

  /**
   * Sets the statuses a SQL selection proposes, set-based, in the caller's transaction (`em`): the
   * entry point for enrolment runs (targeting), bulk changes and imports. Subjects outside the acting
   * user's areas (`RequestContext.actor()`; none when run by the system) or outside the programme's
   * coverage are left out; transitions not in the table are refused and counted, not applied.
   * One audit entry summarises the change; the history holds one row per beneficiary.
   */
  async setStatusesFromSelection(em: EntityManager, input: StatusSelectionInput): Promise<StatusChangeResult> {
    const program = await em.getRepository(Program).findOne({ where: { id: input.programId } });
    if (!program) throw notFound('programs.errors.programNotFound');
    const actor = RequestContext.actor();
    const subject = program.targetUnit === TargetUnit.INDIVIDUAL ? 'individual' : 'household';
    const sql = statusTransitionSql(input.selection, input.params.length, subject);
    const [row] = (await em.query(sql, [
      ...input.params,
      program.id,
      actor?.areaPaths ?? null,
      input.reasonCode,
      input.reasonText ?? null,
      input.source,
      input.sourceRef ?? null,
      actor?.userId ?? null,
      input.effectiveDate ?? today(),
      transitionKeys(),
    ])) as { selected: number; in_scope: number; unchanged: number; refused: number; created: number; updated: number; by_status: Record<string, number> }[];
    const result: StatusChangeResult = {
      selected: row.selected,
      inScope: row.in_scope,
      unchanged: row.unchanged,
      refused: row.refused,
      created: row.created,
      updated: row.updated,
      byStatus: row.by_status,
    };
    if (result.created + result.updated > 0) {
      await this.audit.record(em, {
        action: 'UPDATE',
        entityType: 'Beneficiary',
        details: { operation: 'setStatuses', programId: program.id, source: input.source, sourceRef: input.sourceRef ?? null, reasonCode: input.reasonCode, ...result },
      });
    }
    return result;
  }

  /** Refuses a status value that is not one of the vocabulary (defence for SQL-built selections). */
  static assertStatus(value: string): asserts value is BeneficiaryStatus {
    if (!Object.values(BeneficiaryStatus).includes(value as BeneficiaryStatus)) throw badInput('programs.errors.unknownStatus', { status: value });
  }
}
