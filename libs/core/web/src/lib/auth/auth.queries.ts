import { gql } from 'apollo-angular';
import type {
  MySessionsQuery,
  MySessionsQueryVariables,
  RevokeSessionMutation,
  RevokeSessionMutationVariables,
} from '../data/generated/graphql';

/**
 * The identity operations of the API. Each document has exactly one root field: the API
 * authenticates a request once, and a second root field of the same request can be refused.
 */

export type { AuthPayload, CurrentUser, LoginStatus, RoleRef, TwoFactorEnrolment, TwoFactorEnrolmentResult } from './auth-operations.queries';
export type UserSession = MySessionsQuery['mySessions'][number];

export const MY_SESSIONS_QUERY = gql<MySessionsQuery, MySessionsQueryVariables>`
  query MySessions {
    mySessions {
      id
      createdAt
      lastSeenAt
      expiresAt
      ip
      userAgent
      current
    }
  }
`;

export const REVOKE_SESSION_MUTATION = gql<RevokeSessionMutation, RevokeSessionMutationVariables>`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`;

