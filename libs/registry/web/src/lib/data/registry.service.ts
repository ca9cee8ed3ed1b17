import { inject, Injectable } from '@angular/core';
import { AreaSearchService, AuthorizedFilesService, GRAPHQL, ListPage, resultData, toListPage, UploadEvent } from '@coremis/core-web';
import { gql } from 'apollo-angular';
import { firstValueFrom, Observable } from 'rxjs';
import type { RegistryAuditFieldsFragment } from './generated/graphql';
import {
  ADD_MEMBER_MUTATION,
  AreaOption,
  AuditEntry,
  AuditPage,
  CREATE_HOUSEHOLD_MUTATION,
  CreateHouseholdInput,
  DELETE_SAVED_SEARCH_MUTATION,
  ExtraEntity,
  FIELD_SCHEMA_QUERY,
  FieldSchema,
  Household,
  HOUSEHOLD_HISTORY_QUERY,
  HOUSEHOLD_QUERY,
  HouseholdFilter,
  HouseholdRow,
  HOUSEHOLDS_QUERY,
  INDIVIDUAL_HISTORY_QUERY,
  INDIVIDUAL_QUERY,
  IndividualFilter,
  IndividualRecord,
  IndividualRow,
  INDIVIDUALS_QUERY,
  MOVE_MEMBER_MUTATION,
  NewMemberInput,
  PersonName,
  RecipientRole,
  Relationship,
  REMOVE_MEMBER_MUTATION,
  SAVE_FIELD_SCHEMA_MUTATION,
  SAVE_SEARCH_MUTATION,
  SavedSearch,
  SAVED_SEARCHES_QUERY,
  SET_HEAD_MUTATION,
  SET_RECIPIENT_MUTATION,
  UPDATE_HOUSEHOLD_MUTATION,
  UPDATE_INDIVIDUAL_MUTATION,
  UpdateHouseholdInput,
  UpdateIndividualInput,
  VOCABULARY_QUERY,
  VocabularyEntry,
} from './registry.queries';

export const REGISTRY_PAGE_SIZE = 50;
export const HISTORY_PAGE_SIZE = 30;
const AREA_OPTIONS = 20;

/** A page of records: the platform's list page. */
export type RecordPage<T> = ListPage<T>;

/** What an uploaded file becomes on the server. */
export interface StoredFileInfo {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
}

/** Coded values by field name (`wallMaterial`, `documentType`…). */
export type Vocabulary = ReadonlyMap<string, readonly string[]>;

export const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

const page = toListPage;

function auditPage(connection: RegistryAuditFieldsFragment): AuditPage {
  const { rows, ...rest } = page(connection);
  // `changes` is JSON to the schema; the audit trail writes { field: { before, after } }
  return { entries: rows as readonly AuditEntry[], ...rest };
}

/** Households, individuals, their rosters and the registry settings, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class RegistryService {
  private readonly apollo = inject(GRAPHQL);
  private readonly files = inject(AuthorizedFilesService);
  private readonly areas = inject(AreaSearchService);
  private vocabularyRequest?: Promise<Vocabulary>;

  async households(filter: HouseholdFilter, after: string | null, first = REGISTRY_PAGE_SIZE): Promise<RecordPage<HouseholdRow>> {
    const result = await firstValueFrom(this.apollo.query({ query: HOUSEHOLDS_QUERY, variables: { first, after, filter } }));
    return page(resultData(result).households);
  }

  async household(id: string): Promise<Household | null> {
    const result = await firstValueFrom(this.apollo.query({ query: HOUSEHOLD_QUERY, variables: { id } }));
    return resultData(result).household;
  }

  async householdHistory(id: string, after: string | null = null): Promise<AuditPage | null> {
    const result = await firstValueFrom(
      this.apollo.query({ query: HOUSEHOLD_HISTORY_QUERY, variables: { id, first: HISTORY_PAGE_SIZE, after } }),
    );
    const household = resultData(result).household;
    return household ? auditPage(household.history) : null;
  }

  async individuals(filter: IndividualFilter, after: string | null, first = REGISTRY_PAGE_SIZE): Promise<RecordPage<IndividualRow>> {
    const result = await firstValueFrom(this.apollo.query({ query: INDIVIDUALS_QUERY, variables: { first, after, filter } }));
    return page(resultData(result).individuals);
  }

  async individual(id: string): Promise<IndividualRecord | null> {
    const result = await firstValueFrom(this.apollo.query({ query: INDIVIDUAL_QUERY, variables: { id } }));
    return resultData(result).individual;
  }

  async individualHistory(id: string, after: string | null = null): Promise<AuditPage | null> {
    const result = await firstValueFrom(
      this.apollo.query({ query: INDIVIDUAL_HISTORY_QUERY, variables: { id, first: HISTORY_PAGE_SIZE, after } }),
    );
    const individual = resultData(result).individual;
    return individual ? auditPage(individual.history) : null;
  }

  /** Names of people by id, in one request; people outside the caller's areas are left out. */
  async names(ids: readonly string[]): Promise<ReadonlyMap<string, PersonName>> {
    const unique = [...new Set(ids)].slice(0, 100);
    if (!unique.length) return new Map();
    const variables = Object.fromEntries(unique.map((id, i) => [`id${i}`, id]));
    const declarations = unique.map((_, i) => `$id${i}: ID!`).join(', ');
    const fields = unique.map((_, i) => `p${i}: individual(id: $id${i}) { id givenName familyName }`).join('\n');
    const query = gql`query RegistryPersonNames(${declarations}) { ${fields} }`;
    const result = await firstValueFrom(this.apollo.query<Record<string, PersonName | null>>({ query, variables }));
    const people = Object.values(resultData(result)).filter((person): person is PersonName => !!person);
    return new Map(people.map((person) => [person.id, person]));
  }

  /**
   * Readable labels of households (their code) and areas (their name) a history refers to, in one
   * request; records outside the caller's areas are left out.
   */
  async recordLabels(householdIds: readonly string[], areaIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const households = [...new Set(householdIds)].slice(0, 50);
    const areas = [...new Set(areaIds)].slice(0, 50);
    if (!households.length && !areas.length) return new Map();
    const variables: Record<string, string> = {};
    const declarations: string[] = [];
    const fields: string[] = [];
    households.forEach((id, i) => {
      variables[`h${i}`] = id;
      declarations.push(`$h${i}: ID!`);
      fields.push(`h${i}: household(id: $h${i}) { id code }`);
    });
    areas.forEach((id, i) => {
      variables[`a${i}`] = id;
      declarations.push(`$a${i}: ID!`);
      fields.push(`a${i}: adminArea(id: $a${i}) { id name }`);
    });
    const query = gql`query RegistryRecordLabels(${declarations.join(', ')}) { ${fields.join('\n')} }`;
    const result = await firstValueFrom(
      this.apollo.query<Record<string, { id: string; code?: string; name?: string } | null>>({ query, variables }),
    );
    const labels = new Map<string, string>();
    for (const record of Object.values(resultData(result))) if (record) labels.set(record.id, record.code ?? record.name ?? record.id);
    return labels;
  }

  /** The platform's area search (the kit's area picker uses it directly). */
  searchAreas(search: string): Promise<readonly AreaOption[]> {
    return this.areas.search(search, AREA_OPTIONS);
  }

  area(id: string): Promise<AreaOption | null> {
    return this.areas.area(id);
  }

  /** The coded values of the dwelling and person fields; they change only with a new version of the server. */
  vocabulary(): Promise<Vocabulary> {
    this.vocabularyRequest ??= firstValueFrom(this.apollo.query({ query: VOCABULARY_QUERY })).then(
      (result) => new Map(resultData(result).registryVocabulary.map((entry: VocabularyEntry) => [entry.name, entry.values])),
      (error: unknown) => {
        this.vocabularyRequest = undefined;
        throw error;
      },
    );
    return this.vocabularyRequest;
  }

  async fieldSchema(entity: ExtraEntity): Promise<FieldSchema> {
    const result = await firstValueFrom(this.apollo.query({ query: FIELD_SCHEMA_QUERY, variables: { entity } }));
    // the schema types `entity` as a string: it is the one asked for
    return resultData(result).fieldSchema as FieldSchema;
  }

  async saveFieldSchema(entity: ExtraEntity, schema: Readonly<Record<string, unknown>>, version: number): Promise<FieldSchema> {
    const result = await firstValueFrom(
      this.apollo.mutate({ mutation: SAVE_FIELD_SCHEMA_MUTATION, variables: { input: { entity, schema, version } } }),
    );
    return resultData(result).saveFieldSchema as FieldSchema;
  }

  async savedSearches(): Promise<readonly SavedSearch[]> {
    const result = await firstValueFrom(this.apollo.query({ query: SAVED_SEARCHES_QUERY }));
    return resultData(result).savedSearches;
  }

  async saveSearch(name: string, filter: HouseholdFilter): Promise<SavedSearch> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: SAVE_SEARCH_MUTATION, variables: { input: { name, filter } } }));
    return resultData(result).saveSearch;
  }

  async deleteSavedSearch(id: string): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: DELETE_SAVED_SEARCH_MUTATION, variables: { id } }));
  }

  async createHousehold(input: CreateHouseholdInput): Promise<{ id: string; code: string }> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: CREATE_HOUSEHOLD_MUTATION, variables: { input } }));
    return resultData(result).createHousehold;
  }

  async updateHousehold(input: UpdateHouseholdInput): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: UPDATE_HOUSEHOLD_MUTATION, variables: { input } }));
  }

  async updateIndividual(input: UpdateIndividualInput): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: UPDATE_INDIVIDUAL_MUTATION, variables: { input } }));
  }

  async addMember(householdId: string, member: NewMemberInput): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: ADD_MEMBER_MUTATION, variables: { input: { householdId, member } } }));
  }

  async moveMember(individualId: string, householdId: string, relationship: Relationship): Promise<void> {
    await firstValueFrom(
      this.apollo.mutate({ mutation: MOVE_MEMBER_MUTATION, variables: { input: { individualId, householdId, relationship } } }),
    );
  }

  async removeMember(individualId: string, reason: string): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: REMOVE_MEMBER_MUTATION, variables: { input: { individualId, reason } } }));
  }

  async setHead(householdId: string, individualId: string, previousHeadRelationship: Relationship): Promise<void> {
    await firstValueFrom(
      this.apollo.mutate({
        mutation: SET_HEAD_MUTATION,
        variables: { input: { householdId, individualId, previousHeadRelationship } },
      }),
    );
  }

  async setRecipient(householdId: string, individualId: string, role: RecipientRole | null): Promise<void> {
    await firstValueFrom(
      this.apollo.mutate({ mutation: SET_RECIPIENT_MUTATION, variables: { input: { householdId, individualId, role } } }),
    );
  }

  /** Sends a new ID photo (PNG, JPEG or WebP, 5 MB at most) as the raw body. */
  uploadPhoto(individualId: string, file: File): Observable<UploadEvent<StoredFileInfo>> {
    const url = `/api/registry/individuals/${encodeURIComponent(individualId)}/files?kind=PHOTO&name=${encodeURIComponent(file.name)}`;
    return this.files.upload<StoredFileInfo>(url, file, file.type);
  }
}
