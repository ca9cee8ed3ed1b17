import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type ExportPage, exportPageOf, ExportRegistry, localized } from '@coremis/core';
import { type AdminArea, AdminAreaService } from '@coremis/geo';
import { HouseholdFilter } from './dto/household.inputs';
import { IndividualFilter } from './dto/individual.inputs';
import type { Household } from './entities/household.entity';
import type { Individual } from './entities/individual.entity';
import { HouseholdService } from './household.service';
import { IndividualService } from './individual.service';

interface WithArea<T> {
  record: T;
  area: AdminArea | undefined;
}

/**
 * The registry's exportable lists. Each batch comes from the list services' own `list()` (the same
 * scoped, keyset-ordered query as the pages), then the batch's areas are read in one query.
 */
@Injectable()
export class RegistryExports implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly households: HouseholdService,
    private readonly individuals: IndividualService,
    private readonly areas: AdminAreaService,
  ) {}

  onModuleInit(): void {
    const areaName = (a: AdminArea | undefined, lang: 'en' | 'fr' | 'pt') => (a ? localized({ en: a.nameEn, fr: a.nameFr, pt: a.namePt }, lang) : null);
    this.registry.register<HouseholdFilter, WithArea<Household>>({
      name: 'registry.households',
      permission: 'registry.view',
      filterType: HouseholdFilter,
      columns: [
        { key: 'code', header: 'registry.exports.household.code', value: (r) => r.record.code },
        { key: 'externalId', header: 'registry.exports.household.externalId', value: (r) => r.record.externalId },
        { key: 'areaCode', header: 'registry.exports.areaCode', value: (r) => r.area?.code ?? null },
        { key: 'areaName', header: 'registry.exports.areaName', value: (r, lang) => areaName(r.area, lang) },
        { key: 'address', header: 'registry.exports.household.address', value: (r) => r.record.address },
        { key: 'status', header: 'registry.exports.status', value: (r) => r.record.status },
        { key: 'registrationDate', header: 'registry.exports.household.registrationDate', value: (r) => r.record.registrationDate },
        { key: 'latitude', header: 'registry.exports.household.latitude', value: (r) => r.record.latitude },
        { key: 'longitude', header: 'registry.exports.household.longitude', value: (r) => r.record.longitude },
      ],
      fetch: async (filter, page) => this.withAreas(exportPageOf(await this.households.list({ filter, first: page.first, after: page.after ?? undefined })), (h) => h.areaId),
    });
    this.registry.register<IndividualFilter, Individual>({
      name: 'registry.individuals',
      permission: 'registry.view',
      filterType: IndividualFilter,
      columns: [
        { key: 'familyName', header: 'registry.exports.individual.familyName', value: (r) => r.familyName },
        { key: 'givenName', header: 'registry.exports.individual.givenName', value: (r) => r.givenName },
        { key: 'sex', header: 'registry.exports.individual.sex', value: (r) => r.sex },
        { key: 'birthDate', header: 'registry.exports.individual.birthDate', value: (r) => r.birthDate },
        { key: 'phones', header: 'registry.exports.individual.phones', value: (r) => r.phones.join(' ') },
        { key: 'relationship', header: 'registry.exports.individual.relationship', value: (r) => r.relationship },
        { key: 'status', header: 'registry.exports.status', value: (r) => r.status },
        { key: 'externalId', header: 'registry.exports.individual.externalId', value: (r) => r.externalId },
      ],
      fetch: async (filter, page) => exportPageOf(await this.individuals.list({ filter, first: page.first, after: page.after ?? undefined })),
    });
  }

  private async withAreas<T>(page: ExportPage<T>, areaOf: (row: T) => string): Promise<ExportPage<WithArea<T>>> {
    const areas = new Map((await this.areas.findByIds([...new Set(page.rows.map(areaOf))])).map((a) => [a.id, a]));
    return {
      rows: page.rows.map((record) => ({ record, area: areas.get(areaOf(record)) })),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
      get totalCount() {
        return page.totalCount;
      },
    };
  }
}
