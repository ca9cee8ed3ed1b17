import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { applyAreaScope, conflict, fastMany, invalidField, notFound, paginate, selectColumns, sortOptions, type ConnectionShape } from '@coremis/core';
import { DataSource, type EntityManager } from 'typeorm';
import { type IndividualFilter, type IndividualsArgs, IndividualSortField, type UpdateIndividualInput } from './dto/individual.inputs';
import { IndividualDocument } from './entities/individual-document.entity';
import { Household } from './entities/household.entity';
import { Individual } from './entities/individual.entity';
import { Membership } from './entities/membership.entity';
import { ExtraFieldsService } from './extra-fields.service';
import { MemberWriter } from './member-writer.service';
import { nameTermsOf, normalisePhone, whereNameMatches } from './registry-search.sql';
import { IndividualStatus } from './registry-vocabulary';

/**
 * A person's periods, open and ended: said as two arms so that each is answered by its own partial index (the unique
 * `membership_open_idx`, `membership_individual_past_idx`) and PostgreSQL combines them, instead of a scan of every
 * membership.
 */
export const PERSON_PERIODS = '((m.individual_id = :individualId AND m.ended_at IS NULL) OR (m.individual_id = :individualId AND m.ended_at IS NOT NULL))';

@Injectable()
export class IndividualService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
    private readonly extraFields: ExtraFieldsService,
    private readonly members: MemberWriter,
  ) {}

  /** Every read goes through here: a restricted user sees only people of households in their areas. */
  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Individual).createQueryBuilder('i'), 'i.area_path');
  }

  /** `columns`: the page's selection (`summaryColumns`); every column when absent. */
  async list(args: IndividualsArgs, columns?: readonly string[]): Promise<ConnectionShape<Individual>> {
    const query = selectColumns(this.scoped(), 'i', columns).addSelect(['i.familyNorm', 'i.givenNorm']);
    await this.applyFilter(query, args.filter ?? {});
    const family = { expression: 'i.family_norm', value: (i: Individual) => i.familyNorm };
    const given = { expression: 'i.given_norm', value: (i: Individual) => i.givenNorm };
    const order = args.orderBy;
    const keys = order?.field === IndividualSortField.GIVEN_NAME ? [given, family] : [family, given];
    return paginate(query, args, keys, sortOptions(order));
  }

  private async applyFilter(query: ReturnType<IndividualService['scoped']>, filter: IndividualFilter): Promise<void> {
    if (!filter.includeMerged) query.andWhere(`i.status <> :merged`, { merged: IndividualStatus.MERGED });
    if (filter.sex) query.andWhere('i.sex = :sex', { sex: filter.sex });
    if (filter.extra && Object.keys(filter.extra).length) query.andWhere('i.extra @> :extra::jsonb', { extra: JSON.stringify(filter.extra) });
    if (filter.areaId) {
      const area = await this.areas.findById(filter.areaId);
      if (!area) throw invalidField('areaId', 'registry.errors.areaNotFound');
      query.andWhere('i.area_path LIKE :areaPrefix', { areaPrefix: `${area.path}%` });
    }
    if (filter.documentNumber?.trim()) {
      query.andWhere('i.id IN (SELECT d.individual_id FROM registry.individual_document d WHERE d.number = :doc)', { doc: filter.documentNumber.trim() });
    }
    if (filter.phone?.trim()) query.andWhere('i.phones @> ARRAY[:phone]::text[]', { phone: normalisePhone(filter.phone) ?? filter.phone.trim() });
    const search = filter.search?.trim();
    if (!search) return;
    const phone = normalisePhone(search);
    if (phone || /\d/.test(search)) {
      // one index lookup per kind of identifier (an OR across them would scan the table)
      query.andWhere(
        `i.id IN (SELECT p.id FROM registry.individual p WHERE p.phones @> ARRAY[:phone]::text[]
                  UNION ALL SELECT e.id FROM registry.individual e WHERE e.external_id = :exact
                  UNION ALL SELECT d.individual_id FROM registry.individual_document d WHERE d.number = :exact)`,
        { phone: phone ?? search, exact: search },
      );
      return;
    }
    whereNameMatches(query, 'i', await nameTermsOf(this.dataSource.manager, search));
  }

  async findById(id: string, em?: EntityManager, lock = false): Promise<Individual | null> {
    const query = this.scoped(em).andWhere('i.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    return (await fastMany(query))[0] ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<Individual[]> {
    if (!ids.length) return [];
    return fastMany(this.scoped().andWhere('i.id = ANY(:ids)', { ids }));
  }

  async loadForChange(em: EntityManager, id: string, version?: number): Promise<Individual> {
    const individual = await this.findById(id, em, true);
    if (!individual) throw notFound('registry.errors.individualNotFound');
    if (version !== undefined && individual.version !== version) throw conflict('core.errors.staleVersion');
    return individual;
  }

  /** Current members of each household, head first. */
  async membersOf(householdIds: readonly string[], columns?: readonly string[]): Promise<Individual[]> {
    if (!householdIds.length) return [];
    return fastMany(
      selectColumns(this.scoped(), 'i', columns)
        .andWhere('i.household_id = ANY(:householdIds)', { householdIds })
        .orderBy(`i.relationship = 'HEAD'`, 'DESC')
        .addOrderBy('i.birth_date', 'ASC', 'NULLS LAST')
        .addOrderBy('i.id'),
    );
  }

  async documentsOf(individualIds: readonly string[]): Promise<IndividualDocument[]> {
    if (!individualIds.length) return [];
    return fastMany(this.dataSource.getRepository(IndividualDocument).createQueryBuilder('d').where('d.individual_id = ANY(:ids)', { ids: individualIds }).orderBy('d.type'));
  }

  /**
   * Membership periods of one person in the households the caller may see (every period for an
   * unrestricted caller): what their history may show.
   */
  async visibleMembershipsOfPerson(individualId: string): Promise<Membership[]> {
    const query = this.dataSource.getRepository(Membership).createQueryBuilder('m').innerJoin(Household, 'h', 'h.id = m.household_id').where(PERSON_PERIODS, { individualId });
    return applyAreaScope(query, 'h.area_path').orderBy('m.started_at').getMany();
  }

  /** Every membership period of the households, oldest first (callers have checked scope). */
  async membershipsOf(householdIds: readonly string[]): Promise<Membership[]> {
    if (!householdIds.length) return [];
    return fastMany(this.dataSource.getRepository(Membership).createQueryBuilder('m').where('m.household_id = ANY(:householdIds)', { householdIds }).orderBy('m.started_at').addOrderBy('m.id'));
  }

  /** `outer`: run inside the caller's transaction. */
  async update(input: UpdateIndividualInput, outer?: EntityManager): Promise<Individual> {
    const run = <T>(work: (em: EntityManager) => Promise<T>) => (outer ? work(outer) : this.dataSource.transaction(work));
    return run(async (em) => {
      const individual = await this.loadForChange(em, input.id, input.version);
      if (individual.status === IndividualStatus.MERGED) throw conflict('registry.errors.individualMerged');
      if (input.givenName !== undefined) individual.givenName = input.givenName.trim();
      if (input.familyName !== undefined) individual.familyName = input.familyName.trim();
      if (input.sex !== undefined) individual.sex = input.sex;
      Object.assign(individual, this.members.personValues(input));
      if (input.extra !== undefined) {
        await this.extraFields.assertValid('INDIVIDUAL', input.extra, em);
        individual.extra = input.extra;
      }
      await em.save(individual);
      if (input.documents) await this.members.replaceDocuments(em, individual.id, input.documents);
      return individual;
    });
  }
}
