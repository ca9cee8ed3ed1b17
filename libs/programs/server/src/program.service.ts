import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { AppError, conflict, invalidField, notFound, paginate, type ConnectionShape, fastMany } from '@coremis/core';
import { likeContains } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { CreateProgramInput, ProgramBenefitInput, ProgramsArgs, ProgramStatusInput, UpdateProgramInput } from './dto/program.inputs';
import { Beneficiary } from './entities/beneficiary.entity';
import { Program, type LocalizedText, type ProgramBenefit } from './entities/program.entity';
import { applyProgramScope } from './program-scope.sql';
import { ProgramStatus } from './programs-vocabulary';

const UNIQUE_VIOLATION = '23505';

/** The status a programme may move to from each status (activation and closing are approvable). */
const PROGRAM_TRANSITIONS: Record<ProgramStatus, readonly ProgramStatus[]> = {
  [ProgramStatus.DRAFT]: [ProgramStatus.ACTIVE],
  [ProgramStatus.ACTIVE]: [ProgramStatus.CLOSED],
  [ProgramStatus.CLOSED]: [],
};

/** The data layer of programmes: a restricted caller sees the programmes whose coverage overlaps their areas. */
@Injectable()
export class ProgramService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
  ) {}

  /** Every read goes through here: the caller's geographic scope is applied in SQL. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyProgramScope(em.getRepository(Program).createQueryBuilder('r'), 'r.coverage_paths');
  }

  list(args: ProgramsArgs): Promise<ConnectionShape<Program>> {
    const query = this.scoped();
    const search = args.filter?.search?.trim();
    if (search) {
      const pattern = likeContains(search);
      query.andWhere(`(r.code ILIKE :pattern OR r.name->>'en' ILIKE :pattern OR r.name->>'fr' ILIKE :pattern OR r.name->>'pt' ILIKE :pattern)`, { pattern });
    }
    if (args.filter?.status) query.andWhere('r.status = :status', { status: args.filter.status });
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  findById(id: string, em?: EntityManager): Promise<Program | null> {
    return this.scoped(em).andWhere('r.id = :id', { id }).getOne();
  }

  async findByIds(ids: readonly string[]): Promise<Program[]> {
    if (!ids.length) return [];
    return fastMany(this.scoped().andWhere('r.id = ANY(:ids)', { ids: [...ids] }));
  }

  /** A programme in scope, locked for a change; NOT_FOUND otherwise, CONFLICT on a stale version. */
  async loadForChange(em: EntityManager, id: string, version?: number): Promise<Program> {
    const record = await this.scoped(em).andWhere('r.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!record) throw notFound('programs.errors.programNotFound');
    if (version !== undefined && record.version !== version) throw conflict('core.errors.staleVersion');
    return record;
  }

  async create(input: CreateProgramInput): Promise<Program> {
    return this.dataSource.transaction(async (em) => {
      const coverage = await this.coverage(em, input.coverageAreaIds);
      const record = em.create(Program, {
        code: input.code.trim(),
        name: localized(input.name),
        description: input.description?.trim() || null,
        targetUnit: input.targetUnit,
        coverageAreaIds: coverage.ids,
        coveragePaths: coverage.paths,
        budget: input.budget ?? null,
        currency: input.currency ?? null,
        maxBeneficiaries: input.maxBeneficiaries ?? null,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        status: ProgramStatus.DRAFT,
        benefits: benefits(input.benefits ?? []),
      });
      checkConsistency(record);
      return this.save(em, record);
    });
  }

  async update(input: UpdateProgramInput): Promise<Program> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.loadForChange(em, input.id, input.version);
      if (record.status === ProgramStatus.CLOSED) throw conflict('programs.errors.programClosed', { code: record.code });
      if (input.name) record.name = localized(input.name);
      if (input.description !== undefined) record.description = input.description?.trim() || null;
      if (input.targetUnit && input.targetUnit !== record.targetUnit) {
        const count = await em.getRepository(Beneficiary).count({ where: { programId: record.id } });
        if (count > 0) throw invalidField('targetUnit', 'programs.errors.targetUnitLocked');
        record.targetUnit = input.targetUnit;
      }
      if (input.coverageAreaIds) {
        const coverage = await this.coverage(em, input.coverageAreaIds);
        record.coverageAreaIds = coverage.ids;
        record.coveragePaths = coverage.paths;
      }
      for (const key of ['budget', 'currency', 'maxBeneficiaries', 'startDate', 'endDate'] as const) {
        if (input[key] !== undefined) (record as unknown as Record<string, unknown>)[key] = input[key] ?? null;
      }
      if (input.benefits) record.benefits = benefits(input.benefits);
      checkConsistency(record);
      return this.save(em, record);
    });
  }

  /** DRAFT to ACTIVE, or ACTIVE to CLOSED. */
  async changeStatus(input: ProgramStatusInput, to: ProgramStatus): Promise<Program> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.loadForChange(em, input.id, input.version);
      if (!PROGRAM_TRANSITIONS[record.status].includes(to)) {
        throw conflict('programs.errors.programTransition', { from: record.status, to });
      }
      record.status = to;
      return this.save(em, record);
    });
  }

  /** Resolves the coverage areas (each within the caller's scope) and drops areas nested in another one. */
  private async coverage(em: EntityManager, ids: readonly string[]): Promise<{ ids: string[]; paths: string[] }> {
    const unique = [...new Set(ids)];
    const found: { id: string; path: string }[] = [];
    for (const [index, id] of unique.entries()) {
      // an area outside the caller's scope is reported as unknown, like one that does not exist
      const area = await this.areas.findById(id, em);
      if (!area) throw invalidField(`coverageAreaIds.${index}`, 'programs.errors.areaNotFound');
      found.push({ id: area.id, path: area.path });
    }
    const kept = found.filter((a) => !found.some((b) => b !== a && a.path.startsWith(b.path)));
    return { ids: kept.map((a) => a.id), paths: kept.map((a) => a.path) };
  }

  private async save(em: EntityManager, record: Program): Promise<Program> {
    try {
      return await em.save(record);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'programs.errors.duplicateCode', { code: record.code }, [
          { field: 'code', key: 'programs.errors.duplicateCode', args: { code: record.code } },
        ]);
      }
      throw error;
    }
  }
}

function localized(input: LocalizedText): LocalizedText {
  const text: LocalizedText = { en: input.en.trim() };
  if (input.fr?.trim()) text.fr = input.fr.trim();
  if (input.pt?.trim()) text.pt = input.pt.trim();
  return text;
}

function benefits(input: readonly ProgramBenefitInput[]): ProgramBenefit[] {
  return input.map((b) => ({ kind: b.kind, label: b.label.trim(), amount: b.amount ?? null, basis: b.basis }));
}

/** Rules across fields, reported on the field the user must change. */
function checkConsistency(record: Program): void {
  if (record.budget !== null && !record.currency) throw invalidField('currency', 'programs.errors.currencyRequired');
  if (record.startDate && record.endDate && record.endDate < record.startDate) throw invalidField('endDate', 'programs.errors.endBeforeStart');
}
