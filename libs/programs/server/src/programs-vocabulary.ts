import { registerEnumType } from '@nestjs/graphql';

export enum TargetUnit {
  HOUSEHOLD = 'HOUSEHOLD',
  INDIVIDUAL = 'INDIVIDUAL',
}

export enum ProgramStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}

export enum BenefitKind {
  CASH = 'CASH',
  GOODS = 'GOODS',
  SERVICE = 'SERVICE',
}

/** How a benefit's amount grows with the beneficiary: once per household, or once per member. */
export enum BenefitBasis {
  PER_HOUSEHOLD = 'PER_HOUSEHOLD',
  PER_MEMBER = 'PER_MEMBER',
}

export enum BeneficiaryStatus {
  POTENTIAL = 'POTENTIAL',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  GRADUATED = 'GRADUATED',
  WAITLISTED = 'WAITLISTED',
  INELIGIBLE = 'INELIGIBLE',
  EXITED = 'EXITED',
}

/** Where a status change came from. */
export enum StatusChangeSource {
  ENROLMENT_RUN = 'ENROLMENT_RUN',
  BULK = 'BULK',
  MANUAL = 'MANUAL',
  IMPORT = 'IMPORT',
  EXIT_REVIEW = 'EXIT_REVIEW',
}

registerEnumType(TargetUnit, { name: 'ProgramTargetUnit' });
registerEnumType(ProgramStatus, { name: 'ProgramStatus' });
registerEnumType(BenefitKind, { name: 'BenefitKind' });
registerEnumType(BenefitBasis, { name: 'BenefitBasis' });
registerEnumType(BeneficiaryStatus, { name: 'BeneficiaryStatus' });
registerEnumType(StatusChangeSource, { name: 'StatusChangeSource' });

/**
 * The allowed beneficiary status transitions. `null` is "not yet a beneficiary of this programme".
 * GRADUATED, EXITED and INELIGIBLE never go straight back to ACTIVE: the household must be enrolled
 * again (back to POTENTIAL or WAITLISTED through a new enrolment).
 */
export const STATUS_TRANSITIONS: ReadonlyMap<BeneficiaryStatus | null, readonly BeneficiaryStatus[]> = new Map<BeneficiaryStatus | null, BeneficiaryStatus[]>([
  [null, [BeneficiaryStatus.POTENTIAL, BeneficiaryStatus.ACTIVE, BeneficiaryStatus.WAITLISTED, BeneficiaryStatus.INELIGIBLE]],
  [BeneficiaryStatus.POTENTIAL, [BeneficiaryStatus.ACTIVE, BeneficiaryStatus.WAITLISTED, BeneficiaryStatus.INELIGIBLE, BeneficiaryStatus.EXITED]],
  [BeneficiaryStatus.WAITLISTED, [BeneficiaryStatus.ACTIVE, BeneficiaryStatus.POTENTIAL, BeneficiaryStatus.INELIGIBLE, BeneficiaryStatus.EXITED]],
  [BeneficiaryStatus.ACTIVE, [BeneficiaryStatus.SUSPENDED, BeneficiaryStatus.GRADUATED, BeneficiaryStatus.EXITED]],
  [BeneficiaryStatus.SUSPENDED, [BeneficiaryStatus.ACTIVE, BeneficiaryStatus.GRADUATED, BeneficiaryStatus.EXITED]],
  [BeneficiaryStatus.INELIGIBLE, [BeneficiaryStatus.POTENTIAL, BeneficiaryStatus.WAITLISTED]],
  [BeneficiaryStatus.GRADUATED, [BeneficiaryStatus.POTENTIAL, BeneficiaryStatus.WAITLISTED]],
  [BeneficiaryStatus.EXITED, [BeneficiaryStatus.POTENTIAL, BeneficiaryStatus.WAITLISTED]],
]);

export function isTransitionAllowed(from: BeneficiaryStatus | null, to: BeneficiaryStatus): boolean {
  return STATUS_TRANSITIONS.get(from)?.includes(to) ?? false;
}

/** The table as SQL rows `(from_status, to_status)`, for set-based checks (`from_status` '' = new). */
export function transitionPairs(): { from: string; to: string }[] {
  return [...STATUS_TRANSITIONS].flatMap(([from, tos]) => tos.map((to) => ({ from: from ?? '', to })));
}

/** Coded reasons for status changes; free text goes next to them. */
export const STATUS_REASONS = [
  'ENROLLED',
  'SELECTED',
  'WAITLISTED_QUOTA',
  'NOT_ELIGIBLE',
  'NON_COMPLIANCE',
  'MOVED_AWAY',
  'DECEASED',
  'CRITERIA_MET',
  'PROGRAMME_ENDED',
  'VOLUNTARY',
  'DATA_ERROR',
  'REINSTATED',
  'OTHER',
] as const;
export type StatusReason = (typeof STATUS_REASONS)[number];
