import { gql } from 'apollo-angular';
import type {
  CreateGoodsDistributionMutation,
  CreateGoodsDistributionMutationVariables,
  GoodsDistributionsQuery,
  GoodsDistributionsQueryVariables,
  GoodsEntitlementsQuery,
  GoodsEntitlementsQueryVariables,
  GoodsItemsQuery,
  GoodsItemsQueryVariables,
  GoodsStockQuery,
  GoodsStockQueryVariables,
  GoodsStockPointsQuery,
  GoodsStockPointsQueryVariables,
  ApproveGoodsDistributionMutation,
  ApproveGoodsDistributionMutationVariables,
  ReceiveGoodsStockMutation,
  ReceiveGoodsStockMutationVariables,
  ReconcileGoodsDistributionMutation,
  ReconcileGoodsDistributionMutationVariables,
  RegenerateGoodsDistributionMutation,
  RegenerateGoodsDistributionMutationVariables,
  RejectGoodsDistributionMutation,
  RejectGoodsDistributionMutationVariables,
  SaveGoodsItemMutation,
  SaveGoodsItemMutationVariables,
  GoodsRuleSetsQuery,
  GoodsRuleSetsQueryVariables,
  GoodsReportQuery,
  GoodsReportQueryVariables,
  SaveGoodsRulesMutation,
  SaveGoodsRulesMutationVariables,
  StartGoodsDistributionMutation,
  StartGoodsDistributionMutationVariables,
  SubmitGoodsDistributionMutation,
  SubmitGoodsDistributionMutationVariables,
} from '../data/generated/graphql';

export type GoodsItemRow = GoodsItemsQuery['goodsItems']['edges'][number]['node'];
export type GoodsDistributionRow = GoodsDistributionsQuery['goodsDistributions']['edges'][number]['node'];
export type GoodsEntitlementRow = GoodsEntitlementsQuery['goodsEntitlements']['edges'][number]['node'];
export type GoodsStockRow = GoodsStockQuery['goodsStock'][number];
export type GoodsMovementRow = GoodsStockQuery['goodsStockMovements']['items'][number];
export type GoodsPointRow = GoodsStockPointsQuery['paymentPoints']['edges'][number]['node'];

export const GOODS_ITEMS_QUERY = gql<GoodsItemsQuery, GoodsItemsQueryVariables>`
  query GoodsItems($first: Int!, $after: String, $search: String) {
    goodsItems(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          names {
            en
            fr
            pt
          }
          unit
          unitValueMinor
          currency
          active
        }
      }
    }
  }
`;

export const GOODS_DISTRIBUTIONS_QUERY = gql<GoodsDistributionsQuery, GoodsDistributionsQueryVariables>`
  query GoodsDistributions($first: Int!) {
    goodsDistributions(first: $first) {
      edges {
        node {
          id
          code
          status
          generationJobId
        }
      }
    }
  }
`;

export const GOODS_ENTITLEMENTS_QUERY = gql<GoodsEntitlementsQuery, GoodsEntitlementsQueryVariables>`
  query GoodsEntitlements($distributionId: ID!, $first: Int!, $after: String, $status: PayrollLineStatus) {
    goodsEntitlements(distributionId: $distributionId, first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          recipientName
          itemId
          quantity
          status
          deliveredAt
          paymentPointId
        }
      }
    }
  }
`;

export const GOODS_STOCK_POINTS_QUERY = gql<GoodsStockPointsQuery, GoodsStockPointsQueryVariables>`
  query GoodsStockPoints {
    paymentPoints(first: 500) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`;

export const GOODS_STOCK_QUERY = gql<GoodsStockQuery, GoodsStockQueryVariables>`
  query GoodsStock($paymentPointId: ID!) {
    goodsStock(paymentPointId: $paymentPointId) {
      itemId
      itemCode
      unit
      quantity
      committed
    }
    goodsStockMovements(paymentPointId: $paymentPointId, first: 20) {
      items {
        id
        itemId
        kind
        quantity
        balance
        reference
        reason
        createdAt
      }
      nextCursor
    }
  }
`;

export const RECEIVE_GOODS_STOCK_MUTATION = gql<ReceiveGoodsStockMutation, ReceiveGoodsStockMutationVariables>`
  mutation ReceiveGoodsStock($input: StockMovementInput!) {
    receiveGoodsStock(input: $input) {
      itemId
      quantity
    }
  }
`;

const GOODS_DISTRIBUTION_FIELDS = gql`
  fragment GoodsDistributionFields on GoodsDistribution {
    id
    code
    status
    generationJobId
  }
`;

export const CREATE_GOODS_DISTRIBUTION_MUTATION = gql<CreateGoodsDistributionMutation, CreateGoodsDistributionMutationVariables>`
  mutation CreateGoodsDistribution($input: CreateGoodsDistributionInput!) {
    createGoodsDistribution(input: $input) {
      ...GoodsDistributionFields
    }
  }
  ${GOODS_DISTRIBUTION_FIELDS}
`;

export const REGENERATE_GOODS_DISTRIBUTION_MUTATION = gql<RegenerateGoodsDistributionMutation, RegenerateGoodsDistributionMutationVariables>`
  mutation RegenerateGoodsDistribution($input: GoodsDistributionDecisionInput!) {
    regenerateGoodsDistribution(input: $input) {
      id
    }
  }
`;

export const SUBMIT_GOODS_DISTRIBUTION_MUTATION = gql<SubmitGoodsDistributionMutation, SubmitGoodsDistributionMutationVariables>`
  mutation SubmitGoodsDistribution($input: GoodsDistributionDecisionInput!) {
    submitGoodsDistributionForApproval(input: $input) {
      ...GoodsDistributionFields
    }
  }
  ${GOODS_DISTRIBUTION_FIELDS}
`;

export const REJECT_GOODS_DISTRIBUTION_MUTATION = gql<RejectGoodsDistributionMutation, RejectGoodsDistributionMutationVariables>`
  mutation RejectGoodsDistribution($input: GoodsDistributionDecisionInput!) {
    rejectGoodsDistribution(input: $input) {
      ...GoodsDistributionFields
    }
  }
  ${GOODS_DISTRIBUTION_FIELDS}
`;

export const RECONCILE_GOODS_DISTRIBUTION_MUTATION = gql<ReconcileGoodsDistributionMutation, ReconcileGoodsDistributionMutationVariables>`
  mutation ReconcileGoodsDistribution($input: GoodsDistributionDecisionInput!) {
    reconcileGoodsDistribution(input: $input) {
      ...GoodsDistributionFields
    }
  }
  ${GOODS_DISTRIBUTION_FIELDS}
`;

export const APPROVE_GOODS_DISTRIBUTION_MUTATION = gql<ApproveGoodsDistributionMutation, ApproveGoodsDistributionMutationVariables>`
  mutation ApproveGoodsDistribution($input: GoodsDistributionDecisionInput!) {
    approveGoodsDistribution(input: $input) {
      ...GoodsDistributionFields
    }
  }
  ${GOODS_DISTRIBUTION_FIELDS}
`;

export const START_GOODS_DISTRIBUTION_MUTATION = gql<StartGoodsDistributionMutation, StartGoodsDistributionMutationVariables>`
  mutation StartGoodsDistribution($input: GoodsDistributionDecisionInput!) {
    startGoodsDistribution(input: $input) {
      ...GoodsDistributionFields
    }
  }
  ${GOODS_DISTRIBUTION_FIELDS}
`;

export const SAVE_GOODS_ITEM_MUTATION = gql<SaveGoodsItemMutation, SaveGoodsItemMutationVariables>`
  mutation SaveGoodsItem($input: SaveGoodsItemInput!) {
    saveGoodsItem(input: $input) {
      id
      code
    }
  }
`;

export type GoodsRuleSetRow = GoodsRuleSetsQuery['goodsRuleSets'][number];

export const GOODS_RULE_SETS_QUERY = gql<GoodsRuleSetsQuery, GoodsRuleSetsQueryVariables>`
  query GoodsRuleSets($programId: ID!) {
    goodsRuleSets(programId: $programId) {
      id
      ruleVersion
      createdAt
      rules {
        itemId
        perHousehold
        perMember
        memberCap
      }
    }
  }
`;

export const SAVE_GOODS_RULES_MUTATION = gql<SaveGoodsRulesMutation, SaveGoodsRulesMutationVariables>`
  mutation SaveGoodsRules($input: SaveGoodsRulesInput!) {
    saveGoodsRules(input: $input) {
      id
      ruleVersion
    }
  }
`;

export type GoodsReport = GoodsReportQuery['goodsReconciliationReport'];
export type GoodsReportRow = GoodsReport['byPaymentPoint'][number];

export const GOODS_REPORT_QUERY = gql<GoodsReportQuery, GoodsReportQueryVariables>`
  query GoodsReport($distributionId: ID!) {
    goodsReconciliationReport(distributionId: $distributionId) {
      byArea {
        ...GoodsReportFields
      }
      byPaymentPoint {
        ...GoodsReportFields
      }
    }
  }
  fragment GoodsReportFields on GoodsReconciliationRow {
    key
    plannedCount
    plannedValueMinor
    deliveredCount
    deliveredValueMinor
  }
`;
