import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { ProgramService } from '@coremis/programs';
import { AppError, applyAreaScope, conflict, invalidField, notFound, paginate, type ConnectionShape } from '@coremis/core';
import { likeContains } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { CyclesArgs, CreateCycleInput, UpdateCycleInput } from './dto/cycle.inputs';
import { Cycle } from './entities/cycle.entity';

const UNIQUE_VIOLATION = '23505';

/** The data layer of cycles: every read and write is limited to the caller's areas, in SQL. */
@Injectable()
export class CycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
    private readonly programs: ProgramService,
  ) {}

  /** Every read goes through here: the caller's geographic scope is applied in SQL. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Cycle).createQueryBuilder('r'), 'r.area_path');
  }

  list(args: CyclesArgs): Promise<ConnectionShape<Cycle>> {
    const query = this.scoped();
    const search = args.filter?.search?.trim();
    if (search) {
      const pattern = likeContains(search);
      query.andWhere('(r.code ILIKE :pattern OR r.name ILIKE :pattern)', { pattern });
    }
    if (args.filter?.programId) query.andWhere('r.program_id = :programId', { programId: args.filter.programId });
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  findById(id: string): Promise<Cycle | null> {
    return this.scoped().andWhere('r.id = :id', { id }).getOne();
  }

  /**
   * A cycle read to make a payroll or a goods distribution from, locked FOR SHARE until the caller's transaction ends:
   * an update moving its planned date or area waits for it (and is then refused), or it reads the updated cycle.
   */
  findForUse(em: EntityManager, id: string): Promise<Cycle | null> {
    return this.scoped(em).andWhere('r.id = :id', { id }).setLock('pessimistic_read').getOne();
  }

  async create(input: CreateCycleInput): Promise<Cycle> {
    return this.dataSource.transaction(async (em) => {
      // an area outside the caller's scope is reported as unknown, like one that does not exist
      const area = await this.areas.findById(input.areaId, em);
      if (!area) throw invalidField('areaId', 'payment.errors.areaNotFound');
      const program = await this.programs.findById(input.programId, em);
      if (!program) throw invalidField('programId', 'payment.errors.programNotFound');
      const record = em.create(Cycle, {
        programId: program.id,
        code: input.code.trim(),
        name: input.name.trim(),
        period: input.period,
        plannedDate: input.plannedDate,
        currency: input.currency,
        areaId: area.id,
        areaPath: area.path,
      });
      return this.save(em, record);
    });
  }

  async update(input: UpdateCycleInput): Promise<Cycle> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.scoped(em).andWhere('r.id = :id', { id: input.id }).setLock('pessimistic_write').getOne();
      if (!record) throw notFound('payment.errors.notFound');
      if (record.version !== input.version) throw conflict('core.errors.staleVersion');
      const moves = (input.areaId !== undefined && input.areaId !== record.areaId) || (input.plannedDate !== undefined && input.plannedDate !== record.plannedDate);
      if (moves) await this.refuseIfUsed(em, record);
      if (input.areaId && input.areaId !== record.areaId) {
        const area = await this.areas.findById(input.areaId, em);
        if (!area) throw invalidField('areaId', 'payment.errors.areaNotFound');
        record.areaId = area.id;
        record.areaPath = area.path;
      }
      if (input.name !== undefined) record.name = input.name.trim();
      if (input.plannedDate !== undefined) record.plannedDate = input.plannedDate;
      return this.save(em, record);
    });
  }

  /**
   * The planned date decides who is paid and the area who is in the cycle: once a payroll or a goods distribution was
   * made from them (even a rejected one, whose lines stay as evidence), they stay; the name can still change.
   */
  private async refuseIfUsed(em: EntityManager, record: Cycle): Promise<void> {
    const [used] = await em.query(
      `SELECT (SELECT count(*) FROM payment.payroll p WHERE p.cycle_id = $1)::int AS payrolls,
              (SELECT count(*) FROM payment.goods_distribution d WHERE d.cycle_id = $1)::int AS distributions`,
      [record.id],
    );
    if (used.payrolls > 0 || used.distributions > 0) {
      throw conflict('payment.errors.cycleInUse', { payrolls: used.payrolls, distributions: used.distributions });
    }
  }

  private async save(em: EntityManager, record: Cycle): Promise<Cycle> {
    try {
      return await em.save(record);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'payment.errors.duplicateCode', { code: record.code }, [
          { field: 'code', key: 'payment.errors.duplicateCode', args: { code: record.code } },
        ]);
      }
      throw error;
    }
  }
}
