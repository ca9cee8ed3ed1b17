import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, applyAreaScope, conflict, fastMany, forbidden, type GraphqlContext, indexByKeys, invalidField, newId, notFound, paginate, RequestContext, type ConnectionShape } from '@coremis/core';
import { likeEscape } from '@coremis/core';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AdminArea } from './entities/admin-area.entity';
import { AdminLevel } from './entities/admin-level.entity';
import type { AdminAreasArgs, CreateAdminAreaInput, UpdateAdminAreaInput } from './dto/admin-area.inputs';

const NAME_SEARCH = `core.immutable_unaccent(lower(area.name_en || ' ' || coalesce(area.name_fr, '') || ' ' || coalesce(area.name_pt, '')))`;

@Injectable()
export class AdminAreaService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every read goes through here: the caller's geographic scope is applied in SQL, so a restricted
   * user can neither list, count, load nor change an area outside their own.
   */
  private scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(AdminArea).createQueryBuilder('area'), 'area.path');
  }

  list(args: AdminAreasArgs): Promise<ConnectionShape<AdminArea>> {
    const query = this.scoped();
    const filter = args.filter ?? {};
    if (filter.parentId) query.andWhere('area.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.rootsOnly) {
      // a restricted user's roots are the areas they are assigned to
      const paths = RequestContext.actor()?.areaPaths;
      if (paths) query.andWhere('area.path = ANY(:rootPaths)', { rootPaths: paths });
      else query.andWhere('area.parent_id IS NULL');
    }
    if (filter.levelId) query.andWhere('area.level_id = :levelId', { levelId: filter.levelId });
    const search = filter.search?.trim().toLowerCase();
    if (search) {
      const escaped = likeEscape(search);
      query.andWhere(`(lower(area.code) LIKE :prefix OR ${NAME_SEARCH} LIKE core.immutable_unaccent(:contains))`, {
        prefix: `${escaped}%`,
        contains: `%${escaped}%`,
      });
    }
    return paginate(query, args, [{ expression: 'area.code', value: (a) => a.code }]);
  }

  async findById(id: string, em?: EntityManager, lock = false): Promise<AdminArea | null> {
    const query = this.scoped(em).andWhere('area.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async findByIds(ids: readonly string[]): Promise<AdminArea[]> {
    if (!ids.length) return [];
    return fastMany(this.scoped().andWhere('area.id = ANY(:ids)', { ids }));
  }

  /** The request's loader of areas by id, shared by every module's field resolvers: an area one field loaded answers the others. */
  byIdLoader(ctx: GraphqlContext) {
    return ctx.loaders.get<string, AdminArea | null>('geo.areaById', async (ids) => indexByKeys(ids, await this.findByIds(ids), (a) => a.id));
  }

  /**
   * A row's area through the request's loader, with the ancestors the row's copy of the area path names loaded in the
   * same statement, so the area's `ancestors` and `shortPath` are answered from the loader without one of their own.
   */
  async loadWithAncestors(ctx: GraphqlContext, areaId: string, areaPath: string | null | undefined): Promise<AdminArea | null> {
    const loader = this.byIdLoader(ctx);
    const [area] = await Promise.all([loader.load(areaId), areaPath ? loader.loadMany(areaPath.split('/').filter(Boolean)) : null]);
    return area;
  }

  /**
   * Whether every top-level area lies inside each of the given sets of path prefixes (null: no restriction), whatever
   * the caller's scope: a bulk statement then covers every household and can read whole tables instead of joining them
   * to the households in scope first.
   */
  async coversAll(prefixSets: readonly (readonly string[] | null)[], em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const sets = prefixSets.filter((set): set is readonly string[] => set !== null);
    if (!sets.length) return true;
    const roots = (await em.query(`SELECT path FROM geo.admin_area WHERE parent_id IS NULL`)) as { path: string }[];
    return roots.every((root) => sets.every((set) => set.some((prefix) => root.path.startsWith(prefix))));
  }

  /**
   * Id and path of each existing code, whatever the caller's scope: bulk imports of other modules
   * resolve their area codes here and apply the scope rule themselves, row by row, with a report.
   */
  async lookupCodes(codes: readonly string[], em: EntityManager = this.dataSource.manager): Promise<{ id: string; code: string; path: string }[]> {
    if (!codes.length) return [];
    return em.query('SELECT id, code, path FROM geo.admin_area WHERE code = ANY($1)', [codes]);
  }

  /**
   * For each area, how many names from it upwards it shares with another area of its level (0: its own
   * name is unique). Names compare case-insensitively in the language shown; two areas under the same
   * parent with the same name stay ambiguous whatever is shown above them.
   */
  async sharedNameDepths(ids: readonly string[], language: string): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const name = (alias: string) => (language === 'fr' || language === 'pt' ? `lower(coalesce(${alias}.name_${language}, ${alias}.name_en))` : `lower(${alias}.name_en)`);
    const rows: { id: string; shared: number }[] = await this.dataSource.query(
      `WITH RECURSIVE c AS (
         SELECT a.id AS target, a.parent_id AS t_up, b.parent_id AS o_up, 1 AS k
           FROM geo.admin_area a JOIN geo.admin_area b ON b.level_id = a.level_id AND ${name('b')} = ${name('a')} AND b.id <> a.id
          WHERE a.id = ANY($1)
         UNION ALL
         SELECT c.target, ta.parent_id, oa.parent_id, c.k + 1
           FROM c JOIN geo.admin_area ta ON ta.id = c.t_up JOIN geo.admin_area oa ON oa.id = c.o_up
          WHERE ta.id <> oa.id AND ${name('oa')} = ${name('ta')}
       )
       SELECT target AS id, max(k)::int AS shared FROM c GROUP BY target`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.shared]));
  }

  async childCounts(ids: readonly string[]): Promise<Map<string, number>> {
    const rows: { parent_id: string; count: string }[] = await this.dataSource.query(
      'SELECT parent_id, count(*) AS count FROM geo.admin_area WHERE parent_id = ANY($1) GROUP BY parent_id',
      [ids],
    );
    return new Map(rows.map((r) => [r.parent_id, Number(r.count)]));
  }

  async create(input: CreateAdminAreaInput): Promise<AdminArea> {
    return this.dataSource.transaction(async (em) => {
      const level = await em.findOneBy(AdminLevel, { id: input.levelId });
      if (!level) throw invalidField('levelId', 'geo.errors.levelNotFound');
      if (level.depth === 0 && RequestContext.actor()?.areaPaths) throw forbidden('geo.errors.outsideScope');
      const parent = input.parentId ? await this.findById(input.parentId, em) : null;
      if (input.parentId && !parent) throw invalidField('parentId', 'geo.errors.parentNotFound');
      await this.checkParentLevel(em, level, parent);
      const id = newId();
      const area = em.create(AdminArea, {
        id,
        code: input.code.trim(),
        levelId: level.id,
        parentId: parent?.id ?? null,
        nameEn: input.nameEn.trim(),
        nameFr: blankToNull(input.nameFr),
        namePt: blankToNull(input.namePt),
        isActive: true,
        path: `${parent?.path ?? '/'}${id}/`,
      });
      await this.save(em, area);
      return area;
    });
  }

  async update(input: UpdateAdminAreaInput): Promise<AdminArea> {
    return this.dataSource.transaction(async (em) => {
      const area = await this.findById(input.id, em, true);
      if (!area) throw notFound('geo.errors.areaNotFound');
      if (area.version !== input.version) throw conflict('core.errors.staleVersion');
      if (input.code !== undefined) area.code = input.code.trim();
      if (input.nameEn !== undefined) area.nameEn = input.nameEn.trim();
      if (input.nameFr !== undefined) area.nameFr = blankToNull(input.nameFr);
      if (input.namePt !== undefined) area.namePt = blankToNull(input.namePt);
      if (input.isActive !== undefined) area.isActive = input.isActive;
      await this.save(em, area);
      return area;
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const area = await this.findById(id, em, true);
      if (!area) throw notFound('geo.errors.areaNotFound');
      const children = await em.countBy(AdminArea, { parentId: id });
      if (children) throw conflict('geo.errors.hasChildren', { count: children });
      try {
        // remove(), not delete(): the audit trail records the removed entity's values
        await em.remove(area);
      } catch (error) {
        if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23503') {
          throw conflict('geo.errors.inUse');
        }
        throw error;
      }
      return true;
    });
  }

  private async checkParentLevel(em: EntityManager, level: AdminLevel, parent: AdminArea | null): Promise<void> {
    if (level.depth === 0) {
      if (parent) throw invalidField('parentId', 'geo.errors.rootHasNoParent');
      return;
    }
    if (!parent) throw invalidField('parentId', 'geo.errors.parentRequired');
    const parentLevel = await em.findOneByOrFail(AdminLevel, { id: parent.levelId });
    if (parentLevel.depth !== level.depth - 1) {
      throw invalidField('parentId', 'geo.errors.parentWrongLevel', { expected: level.depth - 1 });
    }
  }

  private async save(em: EntityManager, area: AdminArea): Promise<void> {
    try {
      await em.save(area);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505') {
        throw new AppError('CONFLICT', 'geo.errors.duplicateCode', { code: area.code }, [{ field: 'code', key: 'geo.errors.duplicateCode', args: { code: area.code } }]);
      }
      throw error;
    }
  }
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
