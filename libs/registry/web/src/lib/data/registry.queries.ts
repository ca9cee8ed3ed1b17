import { gql } from 'apollo-angular';
import type {
  CreateHouseholdInput,
  HouseholdFilter,
  HouseholdStatus,
  NewMemberInput,
  RecipientRole,
  RegistryAddMemberMutation,
  RegistryAddMemberMutationVariables,
  RegistryAreaFieldsFragment,
  RegistryAuditFieldsFragment,
  RegistryCreateHouseholdMutation,
  RegistryCreateHouseholdMutationVariables,
  RegistryDeleteSavedSearchMutation,
  RegistryDeleteSavedSearchMutationVariables,
  RegistryFieldSchemaQuery,
  RegistryFieldSchemaQueryVariables,
  RegistryHouseholdHistoryQuery,
  RegistryHouseholdHistoryQueryVariables,
  RegistryHouseholdQuery,
  RegistryHouseholdQueryVariables,
  RegistryHouseholdsQuery,
  RegistryHouseholdsQueryVariables,
  RegistryIndividualHistoryQuery,
  RegistryIndividualHistoryQueryVariables,
  RegistryIndividualQuery,
  RegistryIndividualQueryVariables,
  RegistryIndividualsQuery,
  RegistryIndividualsQueryVariables,
  RegistryMoveMemberMutation,
  RegistryMoveMemberMutationVariables,
  RegistryPersonFieldsFragment,
  RegistryRemoveMemberMutation,
  RegistryRemoveMemberMutationVariables,
  RegistrySaveFieldSchemaMutation,
  RegistrySaveFieldSchemaMutationVariables,
  RegistrySaveSearchMutation,
  RegistrySaveSearchMutationVariables,
  RegistrySavedSearchesQuery,
  RegistrySavedSearchesQueryVariables,
  RegistrySetHeadMutation,
  RegistrySetHeadMutationVariables,
  RegistrySetRecipientMutation,
  RegistrySetRecipientMutationVariables,
  RegistryUpdateHouseholdMutation,
  RegistryUpdateHouseholdMutationVariables,
  RegistryUpdateIndividualMutation,
  RegistryUpdateIndividualMutationVariables,
  RegistryVocabularyQuery,
  RegistryVocabularyQueryVariables,
  Relationship,
  Sex,
} from './generated/graphql';

export type {
  CreateHouseholdInput,
  HouseholdFilter,
  HouseholdStatus,
  IndividualFilter,
  IndividualStatus,
  NewMemberInput,
  RecipientRole,
  Relationship,
  Sex,
  UpdateHouseholdInput,
  UpdateIndividualInput,
} from './generated/graphql';
/** The schema types this as a string; the API accepts these two. */
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

/** The shape of every Relay connection the API returns. */
export interface Connection<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
  readonly edges: readonly { readonly node: T }[];
}

/** Names in the request language. */
export type { AreaOption } from '@coremis/core-web';
/** `ancestors`: from the root down to the parent. */
export type AreaWithAncestors = RegistryAreaFieldsFragment;
export type AreaRef = AreaWithAncestors['ancestors'][number];
/** A person as the household page and the person dialogs need them (`birthDate` YYYY-MM-DD). */
export type Person = RegistryPersonFieldsFragment;
export type IndividualDocument = Person['documents'][number];
export type HouseholdRow = RegistryHouseholdsQuery['households']['edges'][number]['node'];
/** `members`: head first. */
export type Household = NonNullable<RegistryHouseholdQuery['household']>;
export type Dwelling = Pick<
  Household,
  | 'address'
  | 'latitude'
  | 'longitude'
  | 'rooms'
  | 'wallMaterial'
  | 'roofMaterial'
  | 'floorMaterial'
  | 'waterSource'
  | 'sanitation'
  | 'lighting'
  | 'cookingFuel'
  | 'assets'
>;
export type Membership = Household['memberships'][number];
export type IndividualRow = RegistryIndividualsQuery['individuals']['edges'][number]['node'];
export type IndividualRecord = NonNullable<RegistryIndividualQuery['individual']>;

/** Past members of a household, for its membership history. */
export interface PersonName {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
}

type AuditNode = RegistryAuditFieldsFragment['edges'][number]['node'];
/** `changes`: per changed field, { before, after } (JSON to the schema). */
export type AuditEntry = Omit<AuditNode, 'changes'> & {
  readonly changes: Readonly<Record<string, { readonly before?: unknown; readonly after?: unknown }>> | null;
};

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** `filter` is JSON to the schema: the household filter it was saved from. */
export type SavedSearch = Omit<RegistrySavedSearchesQuery['savedSearches'][number], 'filter'> & {
  readonly filter: HouseholdFilter;
};
export type VocabularyEntry = RegistryVocabularyQuery['registryVocabulary'][number];
export type FieldSchema = Omit<RegistryFieldSchemaQuery['fieldSchema'], 'entity'> & { readonly entity: ExtraEntity };
export type DwellingInput = Omit<CreateHouseholdInput, 'areaId' | 'registrationDate' | 'members'>;
export type PersonInput = Omit<NewMemberInput, 'relationship' | 'recipientRole'>;

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
    phonesAsEntered
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

export const HOUSEHOLDS_QUERY = gql<RegistryHouseholdsQuery, RegistryHouseholdsQueryVariables>`
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
            shortPath
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

export const HOUSEHOLD_QUERY = gql<RegistryHouseholdQuery, RegistryHouseholdQueryVariables>`
  query RegistryHousehold($id: ID!) {
    household(id: $id) {
      ...RegistryHouseholdFields
    }
  }
  ${HOUSEHOLD_FIELDS}
`;

export const HOUSEHOLD_HISTORY_QUERY = gql<RegistryHouseholdHistoryQuery, RegistryHouseholdHistoryQueryVariables>`
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

export const INDIVIDUAL_HISTORY_QUERY = gql<RegistryIndividualHistoryQuery, RegistryIndividualHistoryQueryVariables>`
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

export const INDIVIDUALS_QUERY = gql<RegistryIndividualsQuery, RegistryIndividualsQueryVariables>`
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

export const INDIVIDUAL_QUERY = gql<RegistryIndividualQuery, RegistryIndividualQueryVariables>`
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

export const VOCABULARY_QUERY = gql<RegistryVocabularyQuery, RegistryVocabularyQueryVariables>`
  query RegistryVocabulary {
    registryVocabulary {
      name
      values
    }
  }
`;

export const FIELD_SCHEMA_QUERY = gql<RegistryFieldSchemaQuery, RegistryFieldSchemaQueryVariables>`
  query RegistryFieldSchema($entity: String!) {
    fieldSchema(entity: $entity) {
      entity
      schema
      version
    }
  }
`;

export const SAVE_FIELD_SCHEMA_MUTATION = gql<RegistrySaveFieldSchemaMutation, RegistrySaveFieldSchemaMutationVariables>`
  mutation RegistrySaveFieldSchema($input: SaveFieldSchemaInput!) {
    saveFieldSchema(input: $input) {
      entity
      schema
      version
    }
  }
`;

export const SAVED_SEARCHES_QUERY = gql<RegistrySavedSearchesQuery, RegistrySavedSearchesQueryVariables>`
  query RegistrySavedSearches {
    savedSearches {
      id
      name
      filter
    }
  }
`;

export const SAVE_SEARCH_MUTATION = gql<RegistrySaveSearchMutation, RegistrySaveSearchMutationVariables>`
  mutation RegistrySaveSearch($input: SaveSearchInput!) {
    saveSearch(input: $input) {
      id
      name
      filter
    }
  }
`;

export const DELETE_SAVED_SEARCH_MUTATION = gql<RegistryDeleteSavedSearchMutation, RegistryDeleteSavedSearchMutationVariables>`
  mutation RegistryDeleteSavedSearch($id: ID!) {
    deleteSavedSearch(id: $id)
  }
`;

export const CREATE_HOUSEHOLD_MUTATION = gql<RegistryCreateHouseholdMutation, RegistryCreateHouseholdMutationVariables>`
  mutation RegistryCreateHousehold($input: CreateHouseholdInput!) {
    createHousehold(input: $input) {
      id
      code
    }
  }
`;

export const UPDATE_HOUSEHOLD_MUTATION = gql<RegistryUpdateHouseholdMutation, RegistryUpdateHouseholdMutationVariables>`
  mutation RegistryUpdateHousehold($input: UpdateHouseholdInput!) {
    updateHousehold(input: $input) {
      id
      version
    }
  }
`;

export const UPDATE_INDIVIDUAL_MUTATION = gql<RegistryUpdateIndividualMutation, RegistryUpdateIndividualMutationVariables>`
  mutation RegistryUpdateIndividual($input: UpdateIndividualInput!) {
    updateIndividual(input: $input) {
      id
      version
    }
  }
`;

export const ADD_MEMBER_MUTATION = gql<RegistryAddMemberMutation, RegistryAddMemberMutationVariables>`
  mutation RegistryAddMember($input: AddHouseholdMemberInput!) {
    addHouseholdMember(input: $input) {
      id
    }
  }
`;

export const MOVE_MEMBER_MUTATION = gql<RegistryMoveMemberMutation, RegistryMoveMemberMutationVariables>`
  mutation RegistryMoveMember($input: MoveMemberInput!) {
    moveHouseholdMember(input: $input) {
      id
    }
  }
`;

export const REMOVE_MEMBER_MUTATION = gql<RegistryRemoveMemberMutation, RegistryRemoveMemberMutationVariables>`
  mutation RegistryRemoveMember($input: RemoveMemberInput!) {
    removeHouseholdMember(input: $input) {
      id
    }
  }
`;

export const SET_HEAD_MUTATION = gql<RegistrySetHeadMutation, RegistrySetHeadMutationVariables>`
  mutation RegistrySetHead($input: SetHouseholdHeadInput!) {
    setHouseholdHead(input: $input) {
      id
    }
  }
`;

export const SET_RECIPIENT_MUTATION = gql<RegistrySetRecipientMutation, RegistrySetRecipientMutationVariables>`
  mutation RegistrySetRecipient($input: SetRecipientInput!) {
    setHouseholdRecipient(input: $input) {
      id
    }
  }
`;
