import { gql } from 'apollo-angular';

/**
 * The identity operations of the API. Each document has exactly one root field: the API
 * authenticates a request once, and a second root field of the same request can be refused.
 */

export type LoginStatus = 'AUTHENTICATED' | 'TWO_FACTOR_REQUIRED' | 'TWO_FACTOR_ENROLMENT_REQUIRED';

export interface RoleRef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}

export interface CurrentUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly mustChangePassword: boolean;
  readonly totpEnabled: boolean;
  /** Null when the user may work everywhere. */
  readonly areaIds: readonly string[] | null;
  readonly roles: readonly RoleRef[];
}

export interface AuthPayload {
  readonly status: LoginStatus;
  readonly accessToken: string | null;
  readonly accessTokenExpiresAt: string | null;
  readonly refreshToken: string | null;
  readonly challengeToken: string | null;
  readonly recoveryCodes: readonly string[] | null;
  readonly user: CurrentUser;
}

export interface TwoFactorEnrolment {
  readonly secret: string;
  readonly otpauthUrl: string;
  /** PNG data URL of the QR code. */
  readonly qrCodeDataUrl: string;
}

export interface TwoFactorEnrolmentResult {
  readonly recoveryCodes: readonly string[];
  /** Present when the enrolment completed a login. */
  readonly auth: AuthPayload | null;
}

export interface UserSession {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly current: boolean;
}

const CURRENT_USER_FIELDS = gql`
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

const AUTH_PAYLOAD_FIELDS = gql`
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

export const LOGIN_MUTATION = gql<{ login: AuthPayload }, { input: { username: string; password: string } }>`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const VERIFY_TWO_FACTOR_MUTATION = gql<
  { verifyTwoFactor: AuthPayload },
  { input: { challengeToken: string; code?: string; recoveryCode?: string } }
>`
  mutation VerifyTwoFactor($input: VerifyTwoFactorInput!) {
    verifyTwoFactor(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const REFRESH_SESSION_MUTATION = gql<{ refreshSession: AuthPayload }, { refreshToken: string }>`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const BEGIN_TWO_FACTOR_ENROLMENT_MUTATION = gql<
  { beginTwoFactorEnrolment: TwoFactorEnrolment },
  { challengeToken?: string | null }
>`
  mutation BeginTwoFactorEnrolment($challengeToken: String) {
    beginTwoFactorEnrolment(challengeToken: $challengeToken) {
      secret
      otpauthUrl
      qrCodeDataUrl
    }
  }
`;

export const COMPLETE_TWO_FACTOR_ENROLMENT_MUTATION = gql<
  { completeTwoFactorEnrolment: TwoFactorEnrolmentResult },
  { input: { challengeToken?: string | null; code: string } }
>`
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

export const ME_QUERY = gql<{ me: CurrentUser }, Record<string, never>>`
  query Me {
    me {
      ...CurrentUserFields
    }
  }
  ${CURRENT_USER_FIELDS}
`;

export const MY_PERMISSIONS_QUERY = gql<{ myPermissions: string[] }, Record<string, never>>`
  query MyPermissions {
    myPermissions
  }
`;

export const MY_SESSIONS_QUERY = gql<{ mySessions: UserSession[] }, Record<string, never>>`
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

export const REVOKE_SESSION_MUTATION = gql<{ revokeSession: boolean }, { id: string }>`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`;

export const CHANGE_PASSWORD_MUTATION = gql<
  { changePassword: boolean },
  { input: { currentPassword: string; newPassword: string } }
>`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`;

export const LOGOUT_MUTATION = gql<{ logout: boolean }, Record<string, never>>`
  mutation Logout {
    logout
  }
`;
