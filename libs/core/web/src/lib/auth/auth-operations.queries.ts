import type {
  AuthPayloadFieldsFragment,
  BeginTwoFactorEnrolmentMutation,
  BeginTwoFactorEnrolmentMutationVariables,
  ChangePasswordMutation,
  ChangePasswordMutationVariables,
  CompleteTwoFactorEnrolmentMutation,
  CompleteTwoFactorEnrolmentMutationVariables,
  CurrentUserFieldsFragment,
  LoginMutation,
  LoginMutationVariables,
  LogoutMutation,
  LogoutMutationVariables,
  MeQuery,
  MeQueryVariables,
  MyPermissionsQuery,
  MyPermissionsQueryVariables,
  RefreshSessionMutation,
  RefreshSessionMutationVariables,
  VerifyTwoFactorMutation,
  VerifyTwoFactorMutationVariables,
} from '../data/generated/graphql';
import { gql } from '../graphql/graphql-text';

/**
 * The sign-in and session operations, as text: the AuthService sends them with `fetch`, so that the
 * sign-in page loads without the GraphQL client. Each has exactly one root field.
 */

export type { LoginStatus } from '../data/generated/graphql';

/** `areaIds` null when the user may work everywhere. */
export type CurrentUser = CurrentUserFieldsFragment;
export type RoleRef = CurrentUser['roles'][number];
export type AuthPayload = AuthPayloadFieldsFragment;
/** `qrCodeDataUrl`: PNG data URL of the QR code. */
export type TwoFactorEnrolment = BeginTwoFactorEnrolmentMutation['beginTwoFactorEnrolment'];
/** `auth` present when the enrolment completed a login. */
export type TwoFactorEnrolmentResult = CompleteTwoFactorEnrolmentMutation['completeTwoFactorEnrolment'];

export const CURRENT_USER_FIELDS = gql`
  fragment CurrentUserFields on User {
    id
    username
    displayName
    email
    mustChangePassword
    totpEnabled
    areaIds
    roles {
      id
      code
      name
    }
  }
`;

export const AUTH_PAYLOAD_FIELDS = gql`
  fragment AuthPayloadFields on AuthPayload {
    status
    accessToken
    accessTokenExpiresAt
    refreshToken
    challengeToken
    recoveryCodes
    user {
      ...CurrentUserFields
    }
  }
  ${CURRENT_USER_FIELDS}
`;

export const LOGIN_MUTATION = gql<LoginMutation, LoginMutationVariables>`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const VERIFY_TWO_FACTOR_MUTATION = gql<VerifyTwoFactorMutation, VerifyTwoFactorMutationVariables>`
  mutation VerifyTwoFactor($input: VerifyTwoFactorInput!) {
    verifyTwoFactor(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const REFRESH_SESSION_MUTATION = gql<RefreshSessionMutation, RefreshSessionMutationVariables>`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const BEGIN_TWO_FACTOR_ENROLMENT_MUTATION = gql<BeginTwoFactorEnrolmentMutation, BeginTwoFactorEnrolmentMutationVariables>`
  mutation BeginTwoFactorEnrolment($challengeToken: String) {
    beginTwoFactorEnrolment(challengeToken: $challengeToken) {
      secret
      otpauthUrl
      qrCodeDataUrl
    }
  }
`;

export const COMPLETE_TWO_FACTOR_ENROLMENT_MUTATION = gql<CompleteTwoFactorEnrolmentMutation, CompleteTwoFactorEnrolmentMutationVariables>`
  mutation CompleteTwoFactorEnrolment($input: CompleteTwoFactorEnrolmentInput!) {
    completeTwoFactorEnrolment(input: $input) {
      recoveryCodes
      auth {
        ...AuthPayloadFields
      }
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const ME_QUERY = gql<MeQuery, MeQueryVariables>`
  query Me {
    me {
      ...CurrentUserFields
    }
  }
  ${CURRENT_USER_FIELDS}
`;

export const MY_PERMISSIONS_QUERY = gql<MyPermissionsQuery, MyPermissionsQueryVariables>`
  query MyPermissions {
    myPermissions
  }
`;

export const CHANGE_PASSWORD_MUTATION = gql<ChangePasswordMutation, ChangePasswordMutationVariables>`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`;

export const LOGOUT_MUTATION = gql<LogoutMutation, LogoutMutationVariables>`
  mutation Logout {
    logout
  }
`;
