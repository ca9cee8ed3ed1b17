import { inject, Injectable } from '@angular/core';
import { GRAPHQL, type ListPage, resultData, toListPage } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  APPROVE_PAYROLL_MUTATION,
  BENEFIT_RULE_SETS_QUERY,
  type BenefitRuleSet,
  SAVE_BENEFIT_RULES_MUTATION,
  type SaveBenefitRulesInput,
  CANCEL_LINES_MUTATION,
  CREATE_PAYROLL_MUTATION,
  CYCLE_QUERY,
  HOUSEHOLD_PAYMENTS_QUERY,
  INDIVIDUAL_PAYMENTS_QUERY,
  HouseholdPayment,
  PAYMENT_JOB_QUERY,
  PaymentJob,
  Payroll,
  PAYROLL_DETAIL_QUERY,
  PAYROLL_LINES_QUERY,
  PAYROLL_RECONCILIATION_QUERY,
  RECONCILE_PAYROLL_FILE_MUTATION,
  RECONCILIATION_FILE_COLUMNS_QUERY,
  ReconciliationFileColumns,
  ReconciliationOutcome,
  PayrollLine,
  PayrollLineStatus,
  PAYROLLS_QUERY,
  PayrollSummary,
  POLL_STATUS_MUTATION,
  ReconciliationReport,
  REGENERATE_PAYROLL_MUTATION,
  REJECT_PAYROLL_MUTATION,
  RELEASE_LINES_MUTATION,
  START_PAYMENT_MUTATION,
  SUBMIT_PAYROLL_MUTATION,
} from './payroll.queries';
import type { CycleQuery } from './generated/graphql';

export const PAYROLL_PAGE_SIZE = 50;
export type CycleDetail = NonNullable<CycleQuery['cycle']>;

/** Payment cycles' payrolls, their lines and reports, through the CoreMIS API (always from the network: they move). */
@Injectable({ providedIn: 'root' })
export class PayrollService {
  private readonly apollo = inject(GRAPHQL);

  /** Every version of a programme's benefit rules, newest first. */
  async benefitRuleSets(programId: string): Promise<readonly BenefitRuleSet[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: BENEFIT_RULE_SETS_QUERY, variables: { programId }, fetchPolicy: 'network-only' }))).benefitRuleSets;
  }

  /** A new version of the benefit rules; an approval flow may hold it (the error says so). */
  async saveBenefitRules(input: SaveBenefitRulesInput): Promise<{ id: string; ruleVersion: number }> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SAVE_BENEFIT_RULES_MUTATION, variables: { input } }))).saveBenefitRules;
  }

  async cycle(id: string): Promise<CycleDetail | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: CYCLE_QUERY, variables: { id }, fetchPolicy: 'network-only' }))).cycle ?? null;
  }

  async list(cycleId: string, after: string | null): Promise<ListPage<Payroll>> {
    const result = await firstValueFrom(this.apollo.query({ query: PAYROLLS_QUERY, variables: { cycleId, first: PAYROLL_PAGE_SIZE, after }, fetchPolicy: 'network-only' }));
    return toListPage(resultData(result).payrolls);
  }

  /** Null when it does not exist or lies outside the caller's areas. */
  async detail(id: string): Promise<{ payroll: Payroll; summary: PayrollSummary } | null> {
    const data = resultData(await firstValueFrom(this.apollo.query({ query: PAYROLL_DETAIL_QUERY, variables: { id }, fetchPolicy: 'network-only' })));
    return data.payroll ? { payroll: data.payroll, summary: data.payrollSummary } : null;
  }

  async lines(payrollId: string, status: PayrollLineStatus | null, after: string | null): Promise<ListPage<PayrollLine>> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PAYROLL_LINES_QUERY, variables: { payrollId, status, first: PAYROLL_PAGE_SIZE, after }, fetchPolicy: 'network-only' }),
    );
    return toListPage(resultData(result).payrollLines);
  }

  async reconciliation(payrollId: string): Promise<ReconciliationReport> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PAYROLL_RECONCILIATION_QUERY, variables: { payrollId }, fetchPolicy: 'network-only' }))).reconciliationReport;
  }

  /** A background job (generation, payment); null when it is not the caller's to see. */
  async job(id: string): Promise<PaymentJob | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PAYMENT_JOB_QUERY, variables: { id }, fetchPolicy: 'no-cache' }))).job ?? null;
  }

  async householdPayments(householdId: string): Promise<readonly HouseholdPayment[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: HOUSEHOLD_PAYMENTS_QUERY, variables: { householdId }, fetchPolicy: 'network-only' }))).householdPayments;
  }

  async individualPayments(individualId: string): Promise<readonly HouseholdPayment[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: INDIVIDUAL_PAYMENTS_QUERY, variables: { individualId }, fetchPolicy: 'network-only' }))).individualPayments;
  }

  async create(cycleId: string, code: string, providerAccountId: string | null): Promise<Payroll> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_PAYROLL_MUTATION, variables: { input: { cycleId, code, providerAccountId } } }))).createPayroll;
  }

  async regenerate(id: string): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: REGENERATE_PAYROLL_MUTATION, variables: { id } }));
  }

  /** Flagged lines released for payment, or lines cancelled, with the reviewer's reason. */
  async decide(payrollId: string, lineIds: readonly string[], decision: 'release' | 'cancel', reason: string): Promise<number> {
    const input = { payrollId, lineIds: [...lineIds], reason: reason || undefined };
    if (decision === 'release') return resultData(await firstValueFrom(this.apollo.mutate({ mutation: RELEASE_LINES_MUTATION, variables: { input } }))).releasePayrollLines;
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CANCEL_LINES_MUTATION, variables: { input } }))).cancelPayrollLines;
  }

  async submitForApproval(payrollId: string): Promise<Payroll> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SUBMIT_PAYROLL_MUTATION, variables: { input: { payrollId } } }))).submitPayrollForApproval;
  }

  /** Approval runs through the approval flow of `payment.payrolls.approve`: the error says when it is held. */
  async approve(payrollId: string): Promise<Payroll> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: APPROVE_PAYROLL_MUTATION, variables: { input: { payrollId } } }))).approvePayroll;
  }

  async reject(payrollId: string, reason: string): Promise<Payroll> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: REJECT_PAYROLL_MUTATION, variables: { input: { payrollId, reason } } }))).rejectPayroll;
  }

  async startPayment(payrollId: string): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: START_PAYMENT_MUTATION, variables: { input: { payrollId } } }));
  }

  async pollStatus(payrollId: string): Promise<number> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: POLL_STATUS_MUTATION, variables: { payrollId } }))).pollPayrollStatus;
  }

  async fileColumns(fileName: string, contentBase64: string): Promise<ReconciliationFileColumns> {
    return resultData(await firstValueFrom(this.apollo.query({ query: RECONCILIATION_FILE_COLUMNS_QUERY, variables: { input: { fileName, contentBase64 } }, fetchPolicy: 'no-cache' }))).reconciliationFileColumns;
  }

  async reconcileFile(input: { payrollId: string; fileName: string; contentBase64: string; mapping: { reference: string; amount: string; status?: string | null; receipt?: string | null }; allOrNothing: boolean; dryRun: boolean }): Promise<ReconciliationOutcome> {
    const mapping = { reference: input.mapping.reference, amount: input.mapping.amount, status: input.mapping.status || undefined, receipt: input.mapping.receipt || undefined };
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: RECONCILE_PAYROLL_FILE_MUTATION, variables: { input: { ...input, mapping } } }))).reconcilePayrollFile;
  }
}
