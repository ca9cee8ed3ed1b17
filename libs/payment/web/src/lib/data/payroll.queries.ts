import { gql } from 'apollo-angular';
import type {
  BenefitRuleSetsQuery,
  BenefitRuleSetsQueryVariables,
  SaveBenefitRulesMutation,
  SaveBenefitRulesMutationVariables,
  CancelPayrollLinesMutation,
  CancelPayrollLinesMutationVariables,
  CreatePayrollMutation,
  CreatePayrollMutationVariables,
  CycleQuery,
  CycleQueryVariables,
  HouseholdPaymentsQuery,
  HouseholdPaymentsQueryVariables,
  IndividualPaymentsQuery,
  IndividualPaymentsQueryVariables,
  PaymentJobQuery,
  PaymentJobQueryVariables,
  PayrollDetailQuery,
  PayrollDetailQueryVariables,
  PayrollFieldsFragment,
  PayrollLineFieldsFragment,
  PaymentSummaryFieldsFragment,
  PayrollLinesQuery,
  PayrollLinesQueryVariables,
  PayrollReconciliationQuery,
  PayrollReconciliationQueryVariables,
  ReconcilePayrollFileMutation,
  ReconcilePayrollFileMutationVariables,
  ReconciliationFileColumnsQuery,
  ReconciliationFileColumnsQueryVariables,
  PayrollsQuery,
  PayrollsQueryVariables,
  PayrollTransitionMutation,
  PayrollTransitionMutationVariables,
  PollPayrollStatusMutation,
  PollPayrollStatusMutationVariables,
  RegeneratePayrollMutation,
  RegeneratePayrollMutationVariables,
  ReleasePayrollLinesMutation,
  ReleasePayrollLinesMutationVariables,
  ApprovePayrollMutation,
  ApprovePayrollMutationVariables,
  StartPayrollPaymentMutation,
  StartPayrollPaymentMutationVariables,
  RejectPayrollMutation,
  RejectPayrollMutationVariables,
} from './generated/graphql';

export type Payroll = PayrollFieldsFragment;
export type PayrollLine = PayrollLineFieldsFragment;
export type PayrollSummary = PayrollDetailQuery['payrollSummary'];
export type ReconciliationReport = PayrollReconciliationQuery['reconciliationReport'];
export type ReconciliationRow = ReconciliationReport['byArea'][number];
export type HouseholdPayment = PaymentSummaryFieldsFragment;
export type PaymentJob = NonNullable<PaymentJobQuery['job']>;
export type { PayrollStatus, PayrollLineStatus } from './generated/graphql';

const PAYROLL_FIELDS = gql`
  fragment PayrollFields on Payroll {
    id
    code
    status
    cycleId
    programId
    areaId
    providerAccountId
    parentPayrollId
    generationJobId
    submissionJobId
    createdAt
    version
  }
`;

const PAYROLL_LINE_FIELDS = gql`
  fragment PayrollLineFields on PayrollLine {
    id
    beneficiaryId
    householdId
    recipientName
    phone
    documentNumber
    areaId
    paymentPointId
    currency
    amountMinor
    ruleVersion
    components {
      code
      amountMinor
    }
    status
    flags
    attempt
    providerReference
    receipt
    failureReason
    settledAt
  }
`;

export const CYCLE_QUERY = gql<CycleQuery, CycleQueryVariables>`
  query Cycle($id: ID!) {
    cycle(id: $id) {
      id
      code
      name
      period
      plannedDate
      currency
      programId
      areaId
      version
    }
  }
`;

export const PAYROLLS_QUERY = gql<PayrollsQuery, PayrollsQueryVariables>`
  query Payrolls($cycleId: ID, $first: Int!, $after: String) {
    payrolls(cycleId: $cycleId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PayrollFields
        }
      }
    }
  }
  ${PAYROLL_FIELDS}
`;

export const PAYROLL_DETAIL_QUERY = gql<PayrollDetailQuery, PayrollDetailQueryVariables>`
  query PayrollDetail($id: ID!) {
    payroll(id: $id) {
      ...PayrollFields
    }
    payrollSummary(payrollId: $id) {
      plannedMinor
      paidMinor
      failedMinor
      byStatus {
        key
        count
        amountMinor
      }
    }
  }
  ${PAYROLL_FIELDS}
`;

export const PAYROLL_LINES_QUERY = gql<PayrollLinesQuery, PayrollLinesQueryVariables>`
  query PayrollLines($payrollId: ID!, $status: PayrollLineStatus, $first: Int!, $after: String) {
    payrollLines(payrollId: $payrollId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PayrollLineFields
        }
      }
    }
  }
  ${PAYROLL_LINE_FIELDS}
`;

export const PAYROLL_RECONCILIATION_QUERY = gql<PayrollReconciliationQuery, PayrollReconciliationQueryVariables>`
  query PayrollReconciliation($payrollId: ID!) {
    reconciliationReport(payrollId: $payrollId) {
      byArea {
        key
        plannedCount
        plannedMinor
        paidCount
        paidMinor
        failedCount
        failedMinor
      }
      byPaymentPoint {
        key
        plannedCount
        plannedMinor
        paidCount
        paidMinor
        failedCount
        failedMinor
      }
    }
  }
`;

export const PAYMENT_JOB_QUERY = gql<PaymentJobQuery, PaymentJobQueryVariables>`
  query PaymentJob($id: ID!) {
    job(id: $id) {
      id
      status
      progress
      errorMessage
    }
  }
`;

/** A payroll line as the Payments tabs of households and people show it. */
const PAYMENT_SUMMARY_FIELDS = gql`
  fragment PaymentSummaryFields on HouseholdPayment {
    lineId
    payrollId
    payrollCode
    payrollStatus
    cycleName
    period
    currency
    amountMinor
    status
    recipientName
    receipt
    attempt
    settledAt
  }
`;

export const HOUSEHOLD_PAYMENTS_QUERY = gql<HouseholdPaymentsQuery, HouseholdPaymentsQueryVariables>`
  query HouseholdPayments($householdId: ID!) {
    householdPayments(householdId: $householdId) {
      ...PaymentSummaryFields
    }
  }
  ${PAYMENT_SUMMARY_FIELDS}
`;

export const INDIVIDUAL_PAYMENTS_QUERY = gql<IndividualPaymentsQuery, IndividualPaymentsQueryVariables>`
  query IndividualPayments($individualId: ID!) {
    individualPayments(individualId: $individualId) {
      ...PaymentSummaryFields
    }
  }
  ${PAYMENT_SUMMARY_FIELDS}
`;

export const CREATE_PAYROLL_MUTATION = gql<CreatePayrollMutation, CreatePayrollMutationVariables>`
  mutation CreatePayroll($input: CreatePayrollInput!) {
    createPayroll(input: $input) {
      ...PayrollFields
    }
  }
  ${PAYROLL_FIELDS}
`;

export const REGENERATE_PAYROLL_MUTATION = gql<RegeneratePayrollMutation, RegeneratePayrollMutationVariables>`
  mutation RegeneratePayroll($id: ID!) {
    regeneratePayroll(id: $id) {
      id
    }
  }
`;

export const RELEASE_LINES_MUTATION = gql<ReleasePayrollLinesMutation, ReleasePayrollLinesMutationVariables>`
  mutation ReleasePayrollLines($input: PayrollLinesDecisionInput!) {
    releasePayrollLines(input: $input)
  }
`;

export const CANCEL_LINES_MUTATION = gql<CancelPayrollLinesMutation, CancelPayrollLinesMutationVariables>`
  mutation CancelPayrollLines($input: PayrollLinesDecisionInput!) {
    cancelPayrollLines(input: $input)
  }
`;

export const SUBMIT_PAYROLL_MUTATION = gql<PayrollTransitionMutation, PayrollTransitionMutationVariables>`
  mutation PayrollTransition($input: PayrollDecisionInput!) {
    submitPayrollForApproval(input: $input) {
      ...PayrollFields
    }
  }
  ${PAYROLL_FIELDS}
`;

export const APPROVE_PAYROLL_MUTATION = gql<ApprovePayrollMutation, ApprovePayrollMutationVariables>`
  mutation ApprovePayroll($input: PayrollDecisionInput!) {
    approvePayroll(input: $input) {
      ...PayrollFields
    }
  }
  ${PAYROLL_FIELDS}
`;

export const REJECT_PAYROLL_MUTATION = gql<RejectPayrollMutation, RejectPayrollMutationVariables>`
  mutation RejectPayroll($input: PayrollDecisionInput!) {
    rejectPayroll(input: $input) {
      ...PayrollFields
    }
  }
  ${PAYROLL_FIELDS}
`;

export const START_PAYMENT_MUTATION = gql<StartPayrollPaymentMutation, StartPayrollPaymentMutationVariables>`
  mutation StartPayrollPayment($input: PayrollDecisionInput!) {
    startPayrollPayment(input: $input) {
      id
    }
  }
`;

export const POLL_STATUS_MUTATION = gql<PollPayrollStatusMutation, PollPayrollStatusMutationVariables>`
  mutation PollPayrollStatus($payrollId: ID!) {
    pollPayrollStatus(payrollId: $payrollId)
  }
`;

export type ReconciliationFileColumns = ReconciliationFileColumnsQuery['reconciliationFileColumns'];
export type ReconciliationOutcome = ReconcilePayrollFileMutation['reconcilePayrollFile'];

export const RECONCILIATION_FILE_COLUMNS_QUERY = gql<ReconciliationFileColumnsQuery, ReconciliationFileColumnsQueryVariables>`
  query ReconciliationFileColumns($input: ReconciliationFileInput!) {
    reconciliationFileColumns(input: $input) {
      headers
      sample
      suggested {
        reference
        amount
        status
        receipt
      }
    }
  }
`;

export const RECONCILE_PAYROLL_FILE_MUTATION = gql<ReconcilePayrollFileMutation, ReconcilePayrollFileMutationVariables>`
  mutation ReconcilePayrollFile($input: ReconcileFileInput!) {
    reconcilePayrollFile(input: $input) {
      rows
      applied
      unchanged
      rejected
      replayed
      dryRun
      changes
      errors {
        row
        code
        reference
        message
      }
    }
  }
`;

export type BenefitRuleSet = BenefitRuleSetsQuery['benefitRuleSets'][number];
export type { SaveBenefitRulesInput, BenefitBase } from './generated/graphql';

export const BENEFIT_RULE_SETS_QUERY = gql<BenefitRuleSetsQuery, BenefitRuleSetsQueryVariables>`
  query BenefitRuleSets($programId: ID!) {
    benefitRuleSets(programId: $programId) {
      id
      ruleVersion
      createdAt
      rules {
        base
        baseAmountMinor
        memberCap
        maxPerTransactionMinor
        roundingMinor
        topUps {
          label
          condition
          minCount
          amountMinor
          perMember
        }
      }
    }
  }
`;

export const SAVE_BENEFIT_RULES_MUTATION = gql<SaveBenefitRulesMutation, SaveBenefitRulesMutationVariables>`
  mutation SaveBenefitRules($input: SaveBenefitRulesInput!) {
    saveBenefitRules(input: $input) {
      id
      ruleVersion
    }
  }
`;
