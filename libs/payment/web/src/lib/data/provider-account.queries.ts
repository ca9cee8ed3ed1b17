import { gql } from 'apollo-angular';
import type {
  CreatePaymentProviderAccountMutation,
  CreatePaymentProviderAccountMutationVariables,
  DeactivatePaymentProviderAccountMutation,
  DeactivatePaymentProviderAccountMutationVariables,
  PaymentProviderAccountFieldsFragment,
  PaymentProviderAccountsQuery,
  PaymentProviderAccountsQueryVariables,
  UpdatePaymentProviderAccountMutation,
  UpdatePaymentProviderAccountMutationVariables,
} from './generated/graphql';

export type ProviderAccount = PaymentProviderAccountFieldsFragment;
export type { CreateProviderAccountInput, UpdateProviderAccountInput, PaymentProviderKind } from './generated/graphql';

const PROVIDER_ACCOUNT_FIELDS = gql`
  fragment PaymentProviderAccountFields on PaymentProviderAccount {
    id
    code
    name
    kind
    baseUrl
    currency
    timeoutMs
    active
    credentialKeys
    hasCredentials
    callbackPath
    secretsChangedAt
    version
  }
`;

export const PROVIDER_ACCOUNTS_QUERY = gql<PaymentProviderAccountsQuery, PaymentProviderAccountsQueryVariables>`
  query PaymentProviderAccounts($first: Int!, $after: String, $filter: ProviderAccountFilter) {
    paymentProviderAccounts(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PaymentProviderAccountFields
        }
      }
    }
  }
  ${PROVIDER_ACCOUNT_FIELDS}
`;

export const CREATE_PROVIDER_ACCOUNT = gql<CreatePaymentProviderAccountMutation, CreatePaymentProviderAccountMutationVariables>`
  mutation CreatePaymentProviderAccount($input: CreateProviderAccountInput!) {
    createPaymentProviderAccount(input: $input) {
      ...PaymentProviderAccountFields
    }
  }
  ${PROVIDER_ACCOUNT_FIELDS}
`;

export const UPDATE_PROVIDER_ACCOUNT = gql<UpdatePaymentProviderAccountMutation, UpdatePaymentProviderAccountMutationVariables>`
  mutation UpdatePaymentProviderAccount($input: UpdateProviderAccountInput!) {
    updatePaymentProviderAccount(input: $input) {
      ...PaymentProviderAccountFields
    }
  }
  ${PROVIDER_ACCOUNT_FIELDS}
`;

export const DEACTIVATE_PROVIDER_ACCOUNT = gql<DeactivatePaymentProviderAccountMutation, DeactivatePaymentProviderAccountMutationVariables>`
  mutation DeactivatePaymentProviderAccount($input: DeactivateProviderAccountInput!) {
    deactivatePaymentProviderAccount(input: $input) {
      ...PaymentProviderAccountFields
    }
  }
  ${PROVIDER_ACCOUNT_FIELDS}
`;
