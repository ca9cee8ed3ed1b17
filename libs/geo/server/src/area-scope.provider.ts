import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaScopeProvider } from '@coremis/core';
import type { DataSource } from 'typeorm';

/** Lets the platform turn a user's admin areas into the paths its scope filter compares. */
@Injectable()
export class GeoAreaScopeProvider implements AreaScopeProvider {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async pathsOf(areaIds: readonly string[]): Promise<string[]> {
    const rows: { path: string }[] = await this.dataSource.query('SELECT path FROM geo.admin_area WHERE id = ANY($1)', [areaIds]);
    return rows.map((r) => r.path);
  }

  pathsSql(areaIdsExpression: string): string {
    return `ARRAY(SELECT a.path FROM geo.admin_area a WHERE a.id = ANY(${areaIdsExpression}))`;
  }

  async idsOfCodes(codes: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM geo.admin_area WHERE code = ANY($1)', [codes]);
    return rows.map((r) => r.id);
  }
}
