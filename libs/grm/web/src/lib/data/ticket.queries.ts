import { gql } from 'apollo-angular';
import type {
  AssignTicketMutation,
  AssignTicketMutationVariables,
  CommentTicketMutation,
  CommentTicketMutationVariables,
  FollowGrmTicketQuery,
  FollowGrmTicketQueryVariables,
  GrmCategoriesQuery,
  GrmCategoriesQueryVariables,
  GrmPublicOptionsQuery,
  GrmPublicOptionsQueryVariables,
  SaveGrmCategoryMutation,
  SaveGrmCategoryMutationVariables,
  SubmitPublicComplaintMutation,
  SubmitPublicComplaintMutationVariables,
  TicketDetailQuery,
  TicketDetailQueryVariables,
  TicketFieldsFragment,
  TicketsQuery,
  TicketsQueryVariables,
  TransitionTicketMutation,
  TransitionTicketMutationVariables,
} from './generated/graphql';

export type Ticket = TicketFieldsFragment;
export type TicketDetail = NonNullable<TicketDetailQuery['ticket']>;
export type TicketAttachment = TicketDetail['attachments'][number];
export type GrmCategory = GrmCategoriesQuery['grmCategories'][number];
export type PublicTicketView = NonNullable<FollowGrmTicketQuery['followGrmTicket']>;
export type { TicketFilter, TicketStatus, SaveCategoryInput, PublicComplaintInput } from './generated/graphql';

const GRM_FIELDS = gql`
  fragment TicketFields on Ticket {
    id
    reference
    channel
    status
    priority
    sensitive
    description
    categoryId
    areaId
    assigneeId
    dueAt
    escalatedAt
    duplicateOfId
    createdAt
    version
  }
`;

export const GRM_LIST_QUERY = gql<TicketsQuery, TicketsQueryVariables>`
  query Tickets($first: Int!, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TicketFields
          category {
            id
            name
          }
        }
      }
    }
  }
  ${GRM_FIELDS}
`;

export const GRM_DETAIL_QUERY = gql<TicketDetailQuery, TicketDetailQueryVariables>`
  query TicketDetail($id: ID!) {
    ticket(id: $id) {
      ...TicketFields
      reporterKind
      reporterName
      reporterPhone
      hideIdentity
      householdId
      individualId
      programId
      paymentLineId
      resolution
      escalatedToRole
      category {
        id
        name
        sensitive
      }
      events {
        id
        kind
        fromStatus
        toStatus
        body
        internal
        actorId
        createdAt
      }
      attachments {
        id
        name
        contentType
        size
        fromReporter
        createdAt
      }
    }
  }
  ${GRM_FIELDS}
`;

export const GRM_TRANSITION = gql<TransitionTicketMutation, TransitionTicketMutationVariables>`
  mutation TransitionTicket($input: TransitionTicketInput!) {
    transitionTicket(input: $input) {
      id
      status
      version
    }
  }
`;

export const GRM_ASSIGN = gql<AssignTicketMutation, AssignTicketMutationVariables>`
  mutation AssignTicket($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      id
      assigneeId
      status
      version
    }
  }
`;

export const GRM_COMMENT = gql<CommentTicketMutation, CommentTicketMutationVariables>`
  mutation CommentTicket($input: CommentTicketInput!) {
    commentTicket(input: $input) {
      id
    }
  }
`;

export const GRM_CATEGORIES = gql<GrmCategoriesQuery, GrmCategoriesQueryVariables>`
  query GrmCategories {
    grmCategories {
      id
      code
      name
      parentId
      sensitive
      resolutionDays
      supervisorRole
    }
  }
`;

export const GRM_SAVE_CATEGORY = gql<SaveGrmCategoryMutation, SaveGrmCategoryMutationVariables>`
  mutation SaveGrmCategory($input: SaveCategoryInput!) {
    saveGrmCategory(input: $input) {
      id
    }
  }
`;

export const GRM_PUBLIC_OPTIONS = gql<GrmPublicOptionsQuery, GrmPublicOptionsQueryVariables>`
  query GrmPublicOptions($parentId: ID) {
    grmPublicCategories {
      id
      name
    }
    grmPublicAreas(parentId: $parentId) {
      id
      name
      levelName
    }
  }
`;

export const GRM_SUBMIT = gql<SubmitPublicComplaintMutation, SubmitPublicComplaintMutationVariables>`
  mutation SubmitPublicComplaint($input: PublicComplaintInput!) {
    submitPublicComplaint(input: $input) {
      reference
      secret
    }
  }
`;

export const GRM_FOLLOW = gql<FollowGrmTicketQuery, FollowGrmTicketQueryVariables>`
  query FollowGrmTicket($reference: String!, $secret: String!) {
    followGrmTicket(reference: $reference, secret: $secret) {
      reference
      status
      receivedAt
      resolution
      messages {
        at
        body
      }
    }
  }
`;
