import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { AppError, applyAreaScope, conflict, invalidField, notFound, paginate, type ConnectionShape } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { TicketsArgs, CreateTicketInput, UpdateTicketInput } from './dto/ticket.inputs';
import { Ticket } from './entities/ticket.entity';

const UNIQUE_VIOLATION = '23505';

/** The data layer of tickets: every read and write is limited to the caller's areas, in SQL. */
@Injectable()
export class TicketService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
  ) {}

  /** Every read goes through here: the caller's geographic scope is applied in SQL. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Ticket).createQueryBuilder('r'), 'r.area_path');
  }

  list(args: TicketsArgs): Promise<ConnectionShape<Ticket>> {
    const query = this.scoped();
    const search = args.filter?.search?.trim();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(r.code ILIKE :pattern OR r.name ILIKE :pattern)', { pattern });
    }
    return paginate(query, args, [{ expression: 'r.code', value: (row) => row.code }]);
  }

  findById(id: string): Promise<Ticket | null> {
    return this.scoped().andWhere('r.id = :id', { id }).getOne();
  }

  async create(input: CreateTicketInput): Promise<Ticket> {
    return this.dataSource.transaction(async (em) => {
      // an area outside the caller's scope is reported as unknown, like one that does not exist
      const area = await this.areas.findById(input.areaId, em);
      if (!area) throw invalidField('areaId', 'grm.errors.areaNotFound');
      const record = em.create(Ticket, { code: input.code.trim(), name: input.name.trim(), areaId: area.id, areaPath: area.path });
      return this.save(em, record);
    });
  }

  async update(input: UpdateTicketInput): Promise<Ticket> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.scoped(em).andWhere('r.id = :id', { id: input.id }).setLock('pessimistic_write').getOne();
      if (!record) throw notFound('grm.errors.notFound');
      if (record.version !== input.version) throw conflict('core.errors.staleVersion');
      if (input.areaId && input.areaId !== record.areaId) {
        const area = await this.areas.findById(input.areaId, em);
        if (!area) throw invalidField('areaId', 'grm.errors.areaNotFound');
        record.areaId = area.id;
        record.areaPath = area.path;
      }
      if (input.name !== undefined) record.name = input.name.trim();
      return this.save(em, record);
    });
  }

  private async save(em: EntityManager, record: Ticket): Promise<Ticket> {
    try {
      return await em.save(record);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'grm.errors.duplicateCode', { code: record.code }, [
          { field: 'code', key: 'grm.errors.duplicateCode', args: { code: record.code } },
        ]);
      }
      throw error;
    }
  }
}
