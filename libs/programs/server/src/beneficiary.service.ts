import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { Household, Individual } from '@coremis/registry';
import { applyAreaScope, AuditService, fastMany, isPathInScope, newId, badInput, conflict, type ConnectionShape, invalidField, notFound, paginate, RequestContext, selectColumns } from '@coremis/core';
import { likeEscape } from '@coremis/core';
import { DataSource, type EntityManager } from 'typeorm';
import { statusTransitionSql, transitionKeys } from './beneficiary-status.sql';
import type { BeneficiariesArgs, ChangeBeneficiaryStatusInput, EnrolBeneficiaryInput, EnrolHouseholdCodesInput } from './dto/beneficiary.inputs';
import { Beneficiary } from './entities/beneficiary.entity';
import { BeneficiaryStatusChange } from './entities/beneficiary-status-change.entity';
import { Program } from './entities/program.entity';
import { applyProgramScope, isCovered } from './program-scope.sql';
import { BeneficiaryStatus, isTransitionAllowed, ProgramStatus, STATUS_TRANSITIONS, StatusChangeSource, TargetUnit } from './programs-vocabulary';

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
    private readonly areas: AdminAreaService,
  ) {}

  /** Every read of beneficiaries goes through here: the caller's geographic scope is applied in SQL. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Beneficiary).createQueryBuilder('b'), 'b.area_path');
  }

  findById(id: string, em?: EntityManager): Promise<Beneficiary | null> {
    return this.scoped(em).andWhere('b.id = :id', { id }).getOne();
  }

  async findByIds(ids: readonly string[]): Promise<Beneficiary[]> {
    if (!ids.length) return [];
    return fastMany(this.scoped().andWhere('b.id = ANY(:ids)', { ids: [...ids] }));
  }

  /** Households by id, in the caller's areas (the registry's own type, for the `household` field). */
  /** `columns`: the field's selection (`summaryColumns` with the registry's `HOUSEHOLD_SUMMARY`); every column when absent. */
  async householdsByIds(ids: readonly string[], columns?: readonly string[]): Promise<Household[]> {
    if (!ids.length) return [];
    return fastMany(selectColumns(applyAreaScope(this.dataSource.getRepository(Household).createQueryBuilder('h'), 'h.area_path'), 'h', columns).andWhere('h.id = ANY(:ids)', { ids: [...ids] }));
  }

  async individualsByIds(ids: readonly string[], columns?: readonly string[]): Promise<Individual[]> {
    if (!ids.length) return [];
    return fastMany(selectColumns(applyAreaScope(this.dataSource.getRepository(Individual).createQueryBuilder('i'), 'i.area_path'), 'i', columns).andWhere('i.id = ANY(:ids)', { ids: [...ids] }));
  }

  /** A programme's beneficiaries in the caller's areas, filtered; a programme outside them lists nothing. */
  async list(args: BeneficiariesArgs): Promise<ConnectionShape<Beneficiary>> {
    const program = await this.visibleProgram(args.programId);
    const query = this.scoped().andWhere('b.program_id = :programId', { programId: program.id });
    const filter = args.filter ?? {};
    if (filter.statuses?.length) query.andWhere('b.status = ANY(:statuses)', { statuses: filter.statuses });
    if (filter.areaId) {
      const area = await this.areas.findById(filter.areaId);
      if (!area) throw invalidField('filter.areaId', 'programs.errors.areaNotFound');
      query.andWhere('starts_with(b.area_path, :filterPath)', { filterPath: area.path });
    }
    if (filter.scoreMin !== undefined && filter.scoreMin !== null) query.andWhere('b.score >= :scoreMin', { scoreMin: filter.scoreMin });
    if (filter.scoreMax !== undefined && filter.scoreMax !== null) query.andWhere('b.score <= :scoreMax', { scoreMax: filter.scoreMax });
    const search = filter.search?.trim();
    if (search) {
      const escaped = likeEscape(search);
      query.andWhere(
        `(EXISTS (SELECT 1 FROM registry.household h WHERE h.id = b.household_id AND (h.code LIKE :codePrefix OR EXISTS (
            SELECT 1 FROM registry.individual m WHERE m.household_id = h.id AND m.relationship = 'HEAD' AND (m.given_name || ' ' || m.family_name) ILIKE :namePattern)))
          OR EXISTS (SELECT 1 FROM registry.individual i WHERE i.id = b.individual_id AND (i.given_name || ' ' || i.family_name) ILIKE :namePattern))`,
        { codePrefix: `${escaped}%`, namePattern: `%${escaped}%` },
      );
    }
    return paginate(query, args, []);
  }

  /** The beneficiaries of one household (its programmes), in the caller's areas and visible programmes. */
  async ofHousehold(householdId: string): Promise<Beneficiary[]> {
    const query = this.scoped()
      .andWhere('(b.household_id = :householdId OR b.individual_id IN (SELECT i.id FROM registry.individual i WHERE i.household_id = :householdId))', { householdId })
      .innerJoin(Program, 'p', 'p.id = b.program_id');
    applyProgramScope(query, 'p.coverage_paths');
    return query.orderBy('b.status_since', 'DESC').getMany();
  }

  /**
   * Enrols one household (household programmes) or person (individual programmes): it must be in the
   * caller's areas and in the programme's coverage, not yet in the programme, and start in a status the
   * table allows for a newcomer. Audited (entity and history).
   */
  async enrol(input: EnrolBeneficiaryInput): Promise<Beneficiary> {
    return this.dataSource.transaction(async (em) => {
      const program = await this.programForChange(em, input.programId, input.status);
      const household = program.targetUnit === TargetUnit.HOUSEHOLD;
      const subjectId = household ? input.householdId : input.individualId;
      if (!subjectId || (household ? input.individualId : input.householdId)) {
        throw invalidField(household ? 'householdId' : 'individualId', 'programs.errors.wrongSubject', { unit: household ? 'household' : 'individual' });
      }
      const [subject] = (await em.query(
        household
          ? `SELECT h.id, h.area_id, h.area_path FROM registry.household h WHERE h.id = $1 AND h.status = 'ACTIVE'`
          : `SELECT i.id, h.area_id, h.area_path FROM registry.individual i JOIN registry.household h ON h.id = i.household_id WHERE i.id = $1 AND i.status = 'ACTIVE'`,
        [subjectId],
      )) as { id: string; area_id: string; area_path: string }[];
      const field = household ? 'householdId' : 'individualId';
      if (!subject || !isPathInScope(subject.area_path)) throw invalidField(field, 'programs.errors.subjectNotFound');
      if (!isCovered(subject.area_path, program.coveragePaths)) throw invalidField(field, 'programs.errors.notCovered');
      const existing = await em.getRepository(Beneficiary).findOne({ where: household ? { programId: program.id, householdId: subjectId } : { programId: program.id, individualId: subjectId } });
      if (existing) throw conflict('programs.errors.alreadyBeneficiary', { status: existing.status });
      if (!isTransitionAllowed(null, input.status)) {
        throw invalidField('status', 'programs.errors.newBeneficiaryStatus', { allowed: (STATUS_TRANSITIONS.get(null) ?? []).join(', ') });
      }
      const date = input.effectiveDate ?? today();
      const beneficiary = em.create(Beneficiary, {
        programId: program.id,
        householdId: household ? subjectId : null,
        individualId: household ? null : subjectId,
        areaId: subject.area_id,
        areaPath: subject.area_path,
        status: input.status,
        statusSince: new Date(),
        enrolledOn: input.status === BeneficiaryStatus.ACTIVE ? date : null,
        score: null,
      });
      await em.save(beneficiary);
      await this.recordChange(em, beneficiary, null, input, StatusChangeSource.MANUAL);
      return beneficiary;
    });
  }

  /** One beneficiary's status change, if the transition table allows it; audited and kept in the history. */
  async changeStatus(input: ChangeBeneficiaryStatusInput): Promise<Beneficiary> {
    return this.dataSource.transaction(async (em) => {
      const beneficiary = await this.scoped(em).andWhere('b.id = :id', { id: input.beneficiaryId }).setLock('pessimistic_write').getOne();
      if (!beneficiary) throw notFound('programs.errors.beneficiaryNotFound');
      if (beneficiary.version !== input.version) throw conflict('core.errors.staleVersion');
      await this.programForChange(em, beneficiary.programId, input.toStatus);
      const from = beneficiary.status;
      if (!isTransitionAllowed(from, input.toStatus)) throw badInput('programs.errors.transitionNotAllowed', { from, to: input.toStatus });
      beneficiary.status = input.toStatus;
      beneficiary.statusSince = new Date();
      if (input.toStatus === BeneficiaryStatus.ACTIVE && !beneficiary.enrolledOn) beneficiary.enrolledOn = input.effectiveDate ?? today();
      await em.save(beneficiary);
      await this.recordChange(em, beneficiary, from, input, StatusChangeSource.MANUAL);
      return beneficiary;
    });
  }

  /**
   * Enrols the households of a list of codes (an uploaded CSV) in one statement. Every code must name a
   * household in the caller's areas and the programme's coverage: otherwise nothing is written and the
   * error names the codes.
   */
  async enrolByCodes(input: EnrolHouseholdCodesInput): Promise<StatusChangeResult> {
    const codes = [...new Set(input.codes.map((c) => c.trim()).filter(Boolean))];
    return this.dataSource.transaction(async (em) => {
      const program = await this.programForChange(em, input.programId, input.status);
      if (program.targetUnit !== TargetUnit.HOUSEHOLD) throw badInput('programs.errors.codesNeedHouseholdProgramme');
      const actor = RequestContext.actor();
      const unknown = (await em.query(
        `SELECT c.code FROM unnest($1::text[]) AS c(code)
         WHERE NOT EXISTS (
           SELECT 1 FROM registry.household h
           WHERE h.code = c.code AND h.status = 'ACTIVE'
             AND EXISTS (SELECT 1 FROM unnest($2::text[]) cov WHERE starts_with(h.area_path, cov))
             AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) u WHERE starts_with(h.area_path, u))))
         ORDER BY c.code LIMIT 21`,
        [codes, program.coveragePaths, actor?.areaPaths ?? null],
      )) as { code: string }[];
      if (unknown.length) {
        const shown = unknown.slice(0, 20).map((u) => u.code);
        throw invalidField('codes', 'programs.errors.unknownCodes', { count: unknown.length > 20 ? '20+' : unknown.length, codes: shown.join(', ') });
      }
      const result = await this.setStatusesFromSelection(em, {
        programId: program.id,
        selection: `SELECT h.id AS subject_id, $2::text AS to_status, NULL::numeric AS score FROM registry.household h WHERE h.code = ANY($1::text[])`,
        params: [codes, input.status],
        reasonCode: input.reasonCode,
        reasonText: input.reasonText ?? null,
        source: StatusChangeSource.IMPORT,
        effectiveDate: input.effectiveDate ?? undefined,
      });
      return result;
    });
  }

  /** A programme the caller can see; NOT_FOUND otherwise. */
  async visibleProgram(programId: string, em: EntityManager = this.dataSource.manager): Promise<Program> {
    const program = await applyProgramScope(em.getRepository(Program).createQueryBuilder('r'), 'r.coverage_paths').andWhere('r.id = :id', { id: programId }).getOne();
    if (!program) throw notFound('programs.errors.programNotFound');
    return program;
  }

  /** A programme whose beneficiaries may change: not closed; only an active one takes ACTIVE beneficiaries. */
  async programForChange(em: EntityManager, programId: string, toStatus?: BeneficiaryStatus): Promise<Program> {
    const program = await this.visibleProgram(programId, em);
    if (program.status === ProgramStatus.CLOSED) throw conflict('programs.errors.programClosed', { code: program.code });
    if (toStatus === BeneficiaryStatus.ACTIVE && program.status !== ProgramStatus.ACTIVE) throw conflict('programs.errors.programNotActive', { code: program.code });
    return program;
  }

  private async recordChange(
    em: EntityManager,
    beneficiary: Beneficiary,
    from: BeneficiaryStatus | null,
    reason: { reasonCode: string; reasonText?: string | null; effectiveDate?: string | null },
    source: StatusChangeSource,
  ): Promise<void> {
    await em.insert(BeneficiaryStatusChange, {
      id: newId(),
      beneficiaryId: beneficiary.id,
      programId: beneficiary.programId,
      fromStatus: from,
      toStatus: beneficiary.status,
      effectiveDate: reason.effectiveDate ?? today(),
      reasonCode: reason.reasonCode,
      reasonText: reason.reasonText?.trim() || null,
      source,
      sourceRef: null,
      userId: RequestContext.actor()?.userId ?? null,
    });
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
    if (program.status === ProgramStatus.CLOSED) throw conflict('programs.errors.programClosed', { code: program.code });
    const actor = RequestContext.actor();
    // a programme not yet active takes no ACTIVE beneficiary: those transitions count as refused
    const allowed = transitionKeys().filter((key) => program.status === ProgramStatus.ACTIVE || !key.endsWith(`>${BeneficiaryStatus.ACTIVE}`));
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
      allowed,
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
