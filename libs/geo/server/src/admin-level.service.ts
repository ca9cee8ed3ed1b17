import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { conflict, fastMany, invalidField } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { AdminLevel } from './entities/admin-level.entity';
import type { SetAdminLevelsInput } from './dto/admin-level.inputs';

@Injectable()
export class AdminLevelService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<AdminLevel[]> {
    return this.dataSource.getRepository(AdminLevel).find({ order: { depth: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<AdminLevel[]> {
    return fastMany(this.dataSource.getRepository(AdminLevel).createQueryBuilder('level').where('level.id = ANY(:ids)', { ids }));
  }

  async areaCounts(ids: readonly string[]): Promise<Map<string, number>> {
    const rows: { level_id: string; count: number }[] = await this.dataSource.query(
      'SELECT level_id, count(*)::int AS count FROM geo.admin_area WHERE level_id = ANY($1) GROUP BY level_id',
      [ids],
    );
    return new Map(rows.map((r) => [r.level_id, r.count]));
  }

  /**
   * Names the deployment's levels and sets the depth of its hierarchy (position = depth). Renames are
   * always safe (areas point to a level by id); a level may go only when no area sits at or below it.
   * Each level written or removed is audited by the entity's subscriber, in this transaction.
   */
  async setLevels(input: SetAdminLevelsInput): Promise<AdminLevel[]> {
    const wanted = input.levels.map((l) => ({ code: l.code.trim(), nameEn: l.nameEn.trim(), nameFr: blankToNull(l.nameFr), namePt: blankToNull(l.namePt) }));
    const seen = new Map<string, number>();
    wanted.forEach((level, depth) => {
      const key = level.code.toLowerCase();
      if (seen.has(key)) throw invalidField(`levels.${depth}.code`, 'geo.errors.duplicateLevelCode', { code: level.code });
      seen.set(key, depth);
    });
    return this.dataSource.transaction(async (em) => {
      // one change of the levels at a time, and no area created at a level while it is being removed
      await em.query('LOCK TABLE geo.admin_level IN SHARE ROW EXCLUSIVE MODE');
      await em.query('LOCK TABLE geo.admin_area IN SHARE MODE');
      const [{ deepest, count }]: { deepest: number | null; count: number }[] = await em.query(
        `SELECT max(l.depth)::int AS deepest, count(*) FILTER (WHERE l.depth >= $1)::int AS count
           FROM geo.admin_area a JOIN geo.admin_level l ON l.id = a.level_id`,
        [wanted.length],
      );
      if (deepest !== null && deepest >= wanted.length) {
        const current = await em.findOneByOrFail(AdminLevel, { depth: deepest });
        throw conflict('geo.errors.levelsBelowAreas', { levels: deepest + 1, count, level: current.nameEn });
      }
      const existing = await em.find(AdminLevel, { order: { depth: 'ASC' } });
      const removed = existing.filter((l) => l.depth >= wanted.length);
      // removed levels go first, so that a kept level may take the code of one that goes
      if (removed.length) await em.remove([...removed].reverse());
      const changed = existing.filter((l) => l.depth < wanted.length && differs(l, wanted[l.depth]));
      // codes may swap between levels: their uniqueness is checked at commit (deferrable constraint)
      await em.query('SET CONSTRAINTS geo.admin_level_code_key DEFERRED');
      const saved: AdminLevel[] = [];
      for (const [depth, level] of wanted.entries()) {
        const current = existing.find((l) => l.depth === depth);
        if (current && !changed.includes(current)) {
          saved.push(current);
          continue;
        }
        saved.push(await em.save(Object.assign(current ?? em.create(AdminLevel, { depth }), level)));
      }
      return saved;
    });
  }
}

function differs(level: AdminLevel, wanted: { code: string; nameEn: string; nameFr: string | null; namePt: string | null }): boolean {
  return level.code !== wanted.code || level.nameEn !== wanted.nameEn || level.nameFr !== wanted.nameFr || level.namePt !== wanted.namePt;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
