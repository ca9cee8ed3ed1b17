import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fastMany } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { AdminLevel } from './entities/admin-level.entity';

@Injectable()
export class AdminLevelService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<AdminLevel[]> {
    return this.dataSource.getRepository(AdminLevel).find({ order: { depth: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<AdminLevel[]> {
    return fastMany(this.dataSource.getRepository(AdminLevel).createQueryBuilder('level').where('level.id = ANY(:ids)', { ids }));
  }
}
