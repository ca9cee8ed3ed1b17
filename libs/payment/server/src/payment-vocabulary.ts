import { registerEnumType } from '@nestjs/graphql';

export enum PayrollStatus {
  DRAFT = 'DRAFT',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  IN_PAYMENT = 'IN_PAYMENT',
  RECONCILED = 'RECONCILED',
  REJECTED = 'REJECTED',
}

export enum LineStatus {
  CREATED = 'CREATED',
  FLAGGED = 'FLAGGED',
  APPROVED = 'APPROVED',
  SUBMITTED = 'SUBMITTED',
  PAID = 'PAID',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
  RECONCILED = 'RECONCILED',
}

export enum BenefitBase {
  PER_HOUSEHOLD = 'PER_HOUSEHOLD',
  PER_INDIVIDUAL = 'PER_INDIVIDUAL',
  PER_MEMBER = 'PER_MEMBER',
}

export enum PaymentPointType {
  AGENT = 'AGENT',
  BANK_BRANCH = 'BANK_BRANCH',
  POST_OFFICE = 'POST_OFFICE',
  MOBILE_MONEY = 'MOBILE_MONEY',
}

export enum FlagReason {
  SHARED_RECIPIENT = 'SHARED_RECIPIENT',
  SHARED_DOCUMENT = 'SHARED_DOCUMENT',
  SHARED_PHONE = 'SHARED_PHONE',
  SHARED_ACCOUNT = 'SHARED_ACCOUNT',
  ALREADY_PAID_FOR_PERIOD = 'ALREADY_PAID_FOR_PERIOD',
  /** On a line of another cycle of the programme for the same period, not held nor cancelled. */
  IN_ANOTHER_CYCLE = 'IN_ANOTHER_CYCLE',
}

registerEnumType(PayrollStatus, { name: 'PayrollStatus' });
registerEnumType(LineStatus, { name: 'PayrollLineStatus' });
registerEnumType(BenefitBase, { name: 'BenefitBase' });
registerEnumType(PaymentPointType, { name: 'PaymentPointType' });
registerEnumType(FlagReason, { name: 'PaymentFlagReason' });

/**
 * The declared transitions of a payroll. REJECTED is recorded (audited) on the way back to DRAFT: a rejected
 * payroll is editable again. An APPROVED payroll never goes back: nothing in it can change.
 */
export const PAYROLL_TRANSITIONS: Record<PayrollStatus, readonly PayrollStatus[]> = {
  [PayrollStatus.DRAFT]: [PayrollStatus.PENDING_APPROVAL],
  [PayrollStatus.PENDING_APPROVAL]: [PayrollStatus.APPROVED, PayrollStatus.REJECTED],
  [PayrollStatus.REJECTED]: [PayrollStatus.DRAFT],
  [PayrollStatus.APPROVED]: [PayrollStatus.IN_PAYMENT],
  [PayrollStatus.IN_PAYMENT]: [PayrollStatus.RECONCILED],
  [PayrollStatus.RECONCILED]: [],
};

/**
 * The declared transitions of a line. Money states only move forward: SUBMITTED → PAID | FAILED, FAILED → PAID
 * (a provider that settles late), PAID → RECONCILED. Nothing goes back to SUBMITTED or APPROVED.
 */
export const LINE_TRANSITIONS: Record<LineStatus, readonly LineStatus[]> = {
  [LineStatus.CREATED]: [LineStatus.FLAGGED, LineStatus.APPROVED, LineStatus.CANCELLED],
  [LineStatus.FLAGGED]: [LineStatus.CREATED, LineStatus.CANCELLED],
  [LineStatus.APPROVED]: [LineStatus.SUBMITTED],
  [LineStatus.SUBMITTED]: [LineStatus.PAID, LineStatus.FAILED],
  [LineStatus.FAILED]: [LineStatus.PAID],
  [LineStatus.PAID]: [LineStatus.RECONCILED],
  [LineStatus.CANCELLED]: [],
  [LineStatus.RECONCILED]: [],
};

export const isPayrollTransitionAllowed = (from: PayrollStatus, to: PayrollStatus) => PAYROLL_TRANSITIONS[from].includes(to);
export const isLineTransitionAllowed = (from: LineStatus, to: LineStatus) => LINE_TRANSITIONS[from].includes(to);
/** The statuses a line may leave to reach `to`, from the table. */
export const lineFromStatuses = (to: LineStatus): LineStatus[] =>
  (Object.keys(LINE_TRANSITIONS) as LineStatus[]).filter((from) => LINE_TRANSITIONS[from].includes(to));
