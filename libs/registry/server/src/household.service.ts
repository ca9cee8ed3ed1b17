import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { applyAreaScope, conflict, fastMany, invalidField, notFound, paginate, selectColumns, sortOptions, type ConnectionShape } from '@coremis/core';
import { likePrefix } from '@coremis/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateHouseholdInput, HouseholdFilter, HouseholdsArgs, UpdateHouseholdInput } from './dto/household.inputs';
import { Household } from './entities/household.entity';
import { Individual } from './entities/individual.entity';
import { ExtraFieldsService } from './extra-fields.service';
import { MemberWriter } from './member-writer.service';
import { nameTermsOf, normalisePhone, whereNameMatches } from './registry-search.sql';
import { HouseholdStatus, Relationship, RegistrationSource } from './registry-vocabulary';

const DWELLING_FIELDS = ['address', 'latitude', 'longitude', 'rooms', 'wallMaterial', 'roofMaterial', 'floorMaterial', 'waterSource', 'sanitation', 'lighting', 'cookingFuel'] as const;

@Injectable()
export class HouseholdService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
    private readonly extraFields: ExtraFieldsService,
    private readonly members: MemberWriter,
  ) {}

  /** Every read goes through here: the caller's geographic scope is applied in SQL. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Household).createQueryBuilder('h'), 'h.area_path');
  }

  /** `columns`: the page's selection (`summaryColumns`); every column when absent. */
  async list(args: HouseholdsArgs, columns?: readonly string[]): Promise<ConnectionShape<Household>> {
    const query = selectColumns(this.scoped(), 'h', columns);
    await this.applyFilter(query, args.filter ?? {});
    const order = args.orderBy;
    return paginate(query, args, [{ expression: 'h.code', value: (h) => h.code }], sortOptions(order));
  }

  private async applyFilter(query: ReturnType<HouseholdService['scoped']>, filter: HouseholdFilter): Promise<void> {
    if (filter.status) query.andWhere('h.status = :status', { status: filter.status });
    if (filter.extra && Object.keys(filter.extra).length) query.andWhere('h.extra @> :extra::jsonb', { extra: JSON.stringify(filter.extra) });
    if (filter.areaId) {
      const area = await this.areas.findById(filter.areaId);
      if (!area) throw invalidField('areaId', 'registry.errors.areaNotFound');
      query.andWhere('h.area_path LIKE :areaPrefix', { areaPrefix: `${area.path}%` });
    }
    const search = filter.search?.trim();
    if (!search) return;
    const phone = normalisePhone(search);
    if (phone) {
      query.andWhere(
        `h.id IN (SELECT c.id FROM registry.household c WHERE c.code = :exact
                  UNION ALL SELECT i.household_id FROM registry.individual i WHERE i.phones @> ARRAY[:phone]::text[] AND i.household_id IS NOT NULL
                  UNION ALL SELECT i.household_id FROM registry.individual_document d JOIN registry.individual i ON i.id = d.individual_id WHERE d.number = :exact AND i.household_id IS NOT NULL)`,
        { exact: search, phone },
      );
      return;
    }
    const codeLike = /^[A-Za-z]*[-_]?[0-9][A-Za-z0-9_-]*$/.test(search);
    if (codeLike) {
      query.andWhere(`h.id IN (SELECT c.id FROM registry.household c WHERE upper(c.code) LIKE :codePrefix
                               UNION ALL SELECT c.id FROM registry.household c WHERE c.external_id = :exact
                               UNION ALL SELECT i.household_id FROM registry.individual_document d JOIN registry.individual i ON i.id = d.individual_id WHERE d.number = :exact AND i.household_id IS NOT NULL)`, {
        codePrefix: likePrefix(search.toUpperCase()),
        exact: search,
      });
      return;
    }
    const terms = await nameTermsOf(this.dataSource.manager, search);
    const members = whereNameMatches(this.dataSource.manager.getRepository(Individual).createQueryBuilder('i').select('i.household_id'), 'i', terms).andWhere('i.household_id IS NOT NULL');
    // the matching households first, once (an InitPlan), then the page by primary key: with `IN` the planner walks every
    // household in code order and probes its members, which at a million people takes most of a second for a rare name
    query.andWhere(`h.id = ANY(ARRAY(${members.getQuery()}))`, members.getParameters());
  }

  async findById(id: string, em?: EntityManager, lock = false): Promise<Household | null> {
    const query = this.scoped(em).andWhere('h.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    return (await fastMany(query))[0] ?? null;
  }

  async findByIds(ids: readonly string[], columns?: readonly string[]): Promise<Household[]> {
    if (!ids.length) return [];
    return fastMany(selectColumns(this.scoped(), 'h', columns).andWhere('h.id = ANY(:ids)', { ids }));
  }

  /** Loads a household for a change, or fails: not found (or out of scope), or changed since the client read it. */
  async loadForChange(em: EntityManager, id: string, version?: number): Promise<Household> {
    const household = await this.findById(id, em, true);
    if (!household) throw notFound('registry.errors.householdNotFound');
    if (version !== undefined && household.version !== version) throw conflict('core.errors.staleVersion');
    return household;
  }

  /** `outer`: run inside the caller's transaction (another module writing its own rows with the household). */
  async create(input: CreateHouseholdInput, outer?: EntityManager): Promise<Household> {
    const heads = input.members.filter((m) => m.relationship === Relationship.HEAD).length;
    if (heads !== 1) throw invalidField('members', heads ? 'registry.errors.severalHeads' : 'registry.errors.noHead');
    return this.inTransaction(outer, async (em) => {
      const area = await this.areas.findById(input.areaId, em);
      if (!area) throw invalidField('areaId', 'registry.errors.areaNotFound');
      await this.extraFields.assertValid('HOUSEHOLD', input.extra ?? {}, em);
      const [{ code }] = await em.query(`SELECT 'HH' || to_char(nextval('registry.household_code_seq'), 'FM0000000000') AS code`);
      const household = em.create(Household, {
        code,
        externalId: null,
        areaId: area.id,
        areaPath: area.path,
        ...pick(input, DWELLING_FIELDS),
        assets: input.assets ?? [],
        registrationDate: input.registrationDate ?? new Date().toISOString().slice(0, 10),
        registrationSource: RegistrationSource.WEB,
        status: HouseholdStatus.ACTIVE,
        extra: input.extra ?? {},
        importJobId: null,
      });
      await em.save(household);
      // the head first, so that the roster is never without one
      const ordered = [...input.members].sort((a, b) => Number(b.relationship === Relationship.HEAD) - Number(a.relationship === Relationship.HEAD));
      for (const member of ordered) await this.members.addNew(em, household, member, `members.${input.members.indexOf(member)}`);
      await this.members.assertRecipients(em, household.id);
      return household;
    });
  }

  async update(input: UpdateHouseholdInput, outer?: EntityManager): Promise<Household> {
    return this.inTransaction(outer, async (em) => {
      const household = await this.loadForChange(em, input.id, input.version);
      if (input.areaId && input.areaId !== household.areaId) {
        const area = await this.areas.findById(input.areaId, em);
        if (!area) throw invalidField('areaId', 'registry.errors.areaNotFound');
        household.areaId = area.id;
        household.areaPath = area.path;
        await this.members.moveArea(em, household);
      }
      for (const field of DWELLING_FIELDS) {
        if (input[field] !== undefined) (household as unknown as Record<string, unknown>)[field] = input[field];
      }
      if (input.assets !== undefined) household.assets = input.assets;
      if (input.status !== undefined) household.status = input.status;
      if (input.extra !== undefined) {
        await this.extraFields.assertValid('HOUSEHOLD', input.extra, em);
        household.extra = input.extra;
      }
      await em.save(household);
      return household;
    });
  }
  private inTransaction<T>(outer: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.dataSource.transaction(work);
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
