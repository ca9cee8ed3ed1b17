import { gql } from 'apollo-angular';
import type { PaymentPointFieldsFragment, PaymentStaffQuery, PaymentStaffQueryVariables, PaymentPointsQuery, PaymentPointsQueryVariables, SavePaymentPointMutation, SavePaymentPointMutationVariables } from './generated/graphql';

export type PaymentPoint = PaymentPointFieldsFragment;
export type StaffUser = PaymentStaffQuery['users']['edges'][number]['node'];
export type { PaymentPointType, SavePaymentPointInput } from './generated/graphql';

const PAYMENT_POINT_FIELDS = gql`
  fragment PaymentPointFields on PaymentPoint {
    id
    code
    name
    type
    areaId
    latitude
    longitude
    staffUserIds
    openingDays
    active
    version
  }
`;

export const PAYMENT_POINTS_QUERY = gql<PaymentPointsQuery, PaymentPointsQueryVariables>`
  query PaymentPoints($search: String, $first: Int!, $after: String) {
    paymentPoints(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PaymentPointFields
        }
      }
    }
  }
  ${PAYMENT_POINT_FIELDS}
`;

export const SAVE_PAYMENT_POINT_MUTATION = gql<SavePaymentPointMutation, SavePaymentPointMutationVariables>`
  mutation SavePaymentPoint($input: SavePaymentPointInput!) {
    savePaymentPoint(input: $input) {
      ...PaymentPointFields
    }
  }
  ${PAYMENT_POINT_FIELDS}
`;

/** Staff a point may be given: the accounts the caller may list (`core.users.view`). */
export const PAYMENT_STAFF_QUERY = gql<PaymentStaffQuery, PaymentStaffQueryVariables>`
  query PaymentStaff($search: String) {
    users(first: 200, search: $search) {
      edges {
        node {
          id
          username
          displayName
        }
      }
    }
  }
`;
