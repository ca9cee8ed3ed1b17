import { gql } from 'apollo-angular';

export type Sex = 'F' | 'M';
export type Relationship = 'HEAD' | 'SPOUSE' | 'SON' | 'DAUGHTER' | 'PARENT' | 'GRANDCHILD' | 'OTHER_RELATIVE' | 'NON_RELATIVE';
export type RecipientRole = 'PRIMARY' | 'ALTERNATE';
export type HouseholdStatus = 'ACTIVE' | 'INACTIVE' | 'EXITED';
export type IndividualStatus = 'ACTIVE' | 'DECEASED' | 'MERGED';
export type ExtraEntity = 'HOUSEHOLD' | 'INDIVIDUAL';
export type ExtraValues = Readonly<Record<string, unknown>>;

export const SEXES: readonly Sex[] = ['F', 'M'];
export const RELATIONSHIPS: readonly Relationship[] = [
  'HEAD',
  'SPOUSE',
  'SON',
  'DAUGHTER',
  'PARENT',
  'GRANDCHILD',
  'OTHER_RELATIVE',
  'NON_RELATIVE',
];
export const RECIPIENT_ROLES: readonly RecipientRole[] = ['PRIMARY', 'ALTERNATE'];
export const HOUSEHOLD_STATUSES: readonly HouseholdStatus[] = ['ACTIVE', 'INACTIVE', 'EXITED'];
/** Why a person leaves a household (the server accepts any upper-case code). */
export const LEAVE_REASONS = ['MOVED_OUT', 'DECEASED', 'MARRIED_OUT', 'ERROR'] as const;

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface AreaRef {
  readonly id: string;
  readonly code: string;
  /** In the request language. */
  readonly name: string;
}

export interface AreaOption extends AreaRef {
  readonly level: { readonly name: string };
}

export interface AreaWithAncestors extends AreaOption {
  /** From the root down to the parent. */
  readonly ancestors: readonly AreaRef[];
}

export interface IndividualDocument {
  readonly id: string;
  readonly type: string;
  readonly number: string;
}

/** A person as the household page and the person dialogs need them. */
export interface Person {
  readonly id: string;
  readonly externalId: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly otherNames: string | null;
  readonly sex: Sex;
  /** YYYY-MM-DD */
  readonly birthDate: string | null;
  readonly birthDateEstimated: boolean;
  readonly age: number | null;
  readonly maritalStatus: string | null;
  readonly disability: string | null;
  readonly education: string | null;
  readonly occupation: string | null;
  readonly phones: readonly string[];
  readonly documents: readonly IndividualDocument[];
  readonly photoUrl: string | null;
  readonly relationship: Relationship | null;
  readonly recipientRole: RecipientRole | null;
  readonly status: IndividualStatus;
  readonly extra: ExtraValues;
  readonly version: number;
}

export interface HouseholdRow {
  readonly id: string;
  readonly code: string;
  readonly status: HouseholdStatus;
  readonly registrationDate: string;
  readonly memberCount: number;
  readonly area: AreaRef;
  readonly head: { readonly id: string; readonly givenName: string; readonly familyName: string } | null;
}

export interface Dwelling {
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly rooms: number | null;
  readonly wallMaterial: string | null;
  readonly roofMaterial: string | null;
  readonly floorMaterial: string | null;
  readonly waterSource: string | null;
  readonly sanitation: string | null;
  readonly lighting: string | null;
  readonly cookingFuel: string | null;
  readonly assets: readonly string[];
}

export interface Membership {
  readonly id: string;
  readonly individualId: string;
  readonly relationship: Relationship;
  readonly recipientRole: RecipientRole | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly endReason: string | null;
}

export interface Household extends Dwelling {
  readonly id: string;
  readonly code: string;
  readonly externalId: string | null;
  readonly status: HouseholdStatus;
  readonly registrationDate: string;
  readonly registrationSource: string;
  readonly extra: ExtraValues;
  readonly version: number;
  readonly area: AreaWithAncestors;
  /** Head first. */
  readonly members: readonly Person[];
  readonly memberships: readonly Membership[];
}

export interface IndividualRow {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly otherNames: string | null;
  readonly sex: Sex;
  readonly age: number | null;
  readonly birthDateEstimated: boolean;
  readonly status: IndividualStatus;
  readonly documents: readonly IndividualDocument[];
  readonly household: { readonly id: string; readonly code: string } | null;
}

export interface IndividualRecord extends Person {
  readonly createdAt: string;
  readonly mergedIntoId: string | null;
  readonly household: {
    readonly id: string;
    readonly code: string;
    readonly area: AreaWithAncestors;
  } | null;
}

/** Past members of a household, for its membership history. */
export interface PersonName {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
}

export interface AuditEntry {
  readonly id: string;
  readonly action: string;
  readonly entityType: string | null;
  readonly entityId: string | null;
  /** Per changed field: { before, after }. */
  readonly changes: Readonly<Record<string, { readonly before?: unknown; readonly after?: unknown }>> | null;
  readonly details: unknown;
  readonly occurredAt: string;
  readonly username: string | null;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface Connection<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
  readonly edges: readonly { readonly node: T }[];
}

export interface HouseholdFilter {
  readonly search?: string;
  readonly areaId?: string;
  readonly status?: HouseholdStatus;
}

export interface IndividualFilter {
  readonly search?: string;
  readonly areaId?: string;
  readonly sex?: Sex;
}

export interface SavedSearch {
  readonly id: string;
  readonly name: string;
  readonly filter: HouseholdFilter;
}

export interface VocabularyEntry {
  readonly name: string;
  readonly values: readonly string[];
}

export interface FieldSchema {
  readonly entity: ExtraEntity;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly version: number;
}

export interface DwellingInput {
  readonly address?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly rooms?: number | null;
  readonly wallMaterial?: string | null;
  readonly roofMaterial?: string | null;
  readonly floorMaterial?: string | null;
  readonly waterSource?: string | null;
  readonly sanitation?: string | null;
  readonly lighting?: string | null;
  readonly cookingFuel?: string | null;
  readonly assets?: readonly string[];
  readonly extra?: ExtraValues;
}

export interface PersonInput {
  readonly givenName: string;
  readonly familyName: string;
  readonly otherNames?: string | null;
  readonly sex: Sex;
  readonly birthDate?: string | null;
  readonly estimatedAge?: number | null;
  readonly maritalStatus?: string | null;
  readonly disability?: string | null;
  readonly education?: string | null;
  readonly occupation?: string | null;
  readonly phones?: readonly string[];
  readonly documents?: readonly { readonly type: string; readonly number: string }[];
  readonly extra?: ExtraValues;
}

export interface NewMemberInput extends PersonInput {
  readonly relationship: Relationship;
  readonly recipientRole?: RecipientRole | null;
}

export interface CreateHouseholdInput extends DwellingInput {
  readonly areaId: string;
  readonly registrationDate?: string | null;
  readonly members: readonly NewMemberInput[];
}

export interface UpdateHouseholdInput extends DwellingInput {
  readonly id: string;
  readonly version: number;
  readonly areaId?: string;
  readonly status?: HouseholdStatus;
}

export interface UpdateIndividualInput extends Partial<PersonInput> {
  readonly id: string;
  readonly version: number;
}

const AREA_FIELDS = gql`
  fragment RegistryAreaFields on AdminArea {
    id
    code
    name
    level {
      name
    }
    ancestors {
      id
      code
      name
    }
  }
`;

const PERSON_FIELDS = gql`
  fragment RegistryPersonFields on Individual {
    id
    externalId
    givenName
    familyName
    otherNames
    sex
    birthDate
    birthDateEstimated
    age
    maritalStatus
    disability
    education
    occupation
    phones
    documents {
      id
      type
      number
    }
    photoUrl
    relationship
    recipientRole
    status
    extra
    version
  }
`;

const HOUSEHOLD_FIELDS = gql`
  fragment RegistryHouseholdFields on Household {
    id
    code
    externalId
    status
    registrationDate
    registrationSource
    address
    latitude
    longitude
    rooms
    wallMaterial
    roofMaterial
    floorMaterial
    waterSource
    sanitation
    lighting
    cookingFuel
    assets
    extra
    version
    area {
      ...RegistryAreaFields
    }
    members {
      ...RegistryPersonFields
    }
    memberships {
      id
      individualId
      relationship
      recipientRole
      startedAt
      endedAt
      endReason
    }
  }
  ${AREA_FIELDS}
  ${PERSON_FIELDS}
`;

const AUDIT_FIELDS = gql`
  fragment RegistryAuditFields on AuditEntryConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        action
        entityType
        entityId
        changes
        details
        occurredAt
        username
      }
    }
  }
`;

export const HOUSEHOLDS_QUERY = gql<
  { households: Connection<HouseholdRow> },
  { first: number; after: string | null; filter: HouseholdFilter }
>`
  query RegistryHouseholds($first: Int!, $after: String, $filter: HouseholdFilter) {
    households(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          status
          registrationDate
          memberCount
          area {
            id
            code
            name
          }
          head {
            id
            givenName
            familyName
          }
        }
      }
    }
  }
`;

export const HOUSEHOLD_QUERY = gql<{ household: Household | null }, { id: string }>`
  query RegistryHousehold($id: ID!) {
    household(id: $id) {
      ...RegistryHouseholdFields
    }
  }
  ${HOUSEHOLD_FIELDS}
`;

export const HOUSEHOLD_HISTORY_QUERY = gql<
  { household: { id: string; history: Connection<AuditEntry> } | null },
  { id: string; first: number; after: string | null }
>`
  query RegistryHouseholdHistory($id: ID!, $first: Int!, $after: String) {
    household(id: $id) {
      id
      history(first: $first, after: $after) {
        ...RegistryAuditFields
      }
    }
  }
  ${AUDIT_FIELDS}
`;

export const INDIVIDUAL_HISTORY_QUERY = gql<
  { individual: { id: string; history: Connection<AuditEntry> } | null },
  { id: string; first: number; after: string | null }
>`
  query RegistryIndividualHistory($id: ID!, $first: Int!, $after: String) {
    individual(id: $id) {
      id
      history(first: $first, after: $after) {
        ...RegistryAuditFields
      }
    }
  }
  ${AUDIT_FIELDS}
`;

export const INDIVIDUALS_QUERY = gql<
  { individuals: Connection<IndividualRow> },
  { first: number; after: string | null; filter: IndividualFilter }
>`
  query RegistryIndividuals($first: Int!, $after: String, $filter: IndividualFilter) {
    individuals(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          givenName
          familyName
          otherNames
          sex
          age
          birthDateEstimated
          status
          documents {
            id
            type
            number
          }
          household {
            id
            code
          }
        }
      }
    }
  }
`;

export const INDIVIDUAL_QUERY = gql<{ individual: IndividualRecord | null }, { id: string }>`
  query RegistryIndividual($id: ID!) {
    individual(id: $id) {
      ...RegistryPersonFields
      createdAt
      mergedIntoId
      household {
        id
        code
        area {
          ...RegistryAreaFields
        }
      }
    }
  }
  ${PERSON_FIELDS}
  ${AREA_FIELDS}
`;

export const VOCABULARY_QUERY = gql<{ registryVocabulary: VocabularyEntry[] }, Record<string, never>>`
  query RegistryVocabulary {
    registryVocabulary {
      name
      values
    }
  }
`;

export const FIELD_SCHEMA_QUERY = gql<{ fieldSchema: FieldSchema }, { entity: ExtraEntity }>`
  query RegistryFieldSchema($entity: String!) {
    fieldSchema(entity: $entity) {
      entity
      schema
      version
    }
  }
`;

export const SAVE_FIELD_SCHEMA_MUTATION = gql<
  { saveFieldSchema: FieldSchema },
  { input: { entity: ExtraEntity; schema: Readonly<Record<string, unknown>>; version: number } }
>`
  mutation RegistrySaveFieldSchema($input: SaveFieldSchemaInput!) {
    saveFieldSchema(input: $input) {
      entity
      schema
      version
    }
  }
`;

export const SAVED_SEARCHES_QUERY = gql<{ savedSearches: SavedSearch[] }, Record<string, never>>`
  query RegistrySavedSearches {
    savedSearches {
      id
      name
      filter
    }
  }
`;

export const SAVE_SEARCH_MUTATION = gql<{ saveSearch: SavedSearch }, { input: { name: string; filter: HouseholdFilter } }>`
  mutation RegistrySaveSearch($input: SaveSearchInput!) {
    saveSearch(input: $input) {
      id
      name
      filter
    }
  }
`;

export const DELETE_SAVED_SEARCH_MUTATION = gql<{ deleteSavedSearch: boolean }, { id: string }>`
  mutation RegistryDeleteSavedSearch($id: ID!) {
    deleteSavedSearch(id: $id)
  }
`;

export const CREATE_HOUSEHOLD_MUTATION = gql<{ createHousehold: { id: string; code: string } }, { input: CreateHouseholdInput }>`
  mutation RegistryCreateHousehold($input: CreateHouseholdInput!) {
    createHousehold(input: $input) {
      id
      code
    }
  }
`;

export const UPDATE_HOUSEHOLD_MUTATION = gql<{ updateHousehold: { id: string; version: number } }, { input: UpdateHouseholdInput }>`
  mutation RegistryUpdateHousehold($input: UpdateHouseholdInput!) {
    updateHousehold(input: $input) {
      id
      version
    }
  }
`;

export const UPDATE_INDIVIDUAL_MUTATION = gql<{ updateIndividual: { id: string; version: number } }, { input: UpdateIndividualInput }>`
  mutation RegistryUpdateIndividual($input: UpdateIndividualInput!) {
    updateIndividual(input: $input) {
      id
      version
    }
  }
`;

export const ADD_MEMBER_MUTATION = gql<
  { addHouseholdMember: { id: string } },
  { input: { householdId: string; member: NewMemberInput } }
>`
  mutation RegistryAddMember($input: AddHouseholdMemberInput!) {
    addHouseholdMember(input: $input) {
      id
    }
  }
`;

export const MOVE_MEMBER_MUTATION = gql<
  { moveHouseholdMember: { id: string } },
  { input: { individualId: string; householdId: string; relationship: Relationship } }
>`
  mutation RegistryMoveMember($input: MoveMemberInput!) {
    moveHouseholdMember(input: $input) {
      id
    }
  }
`;

export const REMOVE_MEMBER_MUTATION = gql<{ removeHouseholdMember: { id: string } }, { input: { individualId: string; reason: string } }>`
  mutation RegistryRemoveMember($input: RemoveMemberInput!) {
    removeHouseholdMember(input: $input) {
      id
    }
  }
`;

export const SET_HEAD_MUTATION = gql<
  { setHouseholdHead: { id: string } },
  { input: { householdId: string; individualId: string; previousHeadRelationship: Relationship } }
>`
  mutation RegistrySetHead($input: SetHouseholdHeadInput!) {
    setHouseholdHead(input: $input) {
      id
    }
  }
`;

export const SET_RECIPIENT_MUTATION = gql<
  { setHouseholdRecipient: { id: string } },
  { input: { householdId: string; individualId: string; role: RecipientRole | null } }
>`
  mutation RegistrySetRecipient($input: SetRecipientInput!) {
    setHouseholdRecipient(input: $input) {
      id
    }
  }
`;
