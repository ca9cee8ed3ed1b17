import { registerEnumType } from '@nestjs/graphql';

/** The collection tools a connector pulls from. */
export enum ConnectorKind {
  KOBO = 'KOBO',
  ODK = 'ODK',
}

/** Where a submission came from. */
export enum SubmissionSource {
  KOBO = 'KOBO',
  ODK = 'ODK',
  USSD = 'USSD',
}

/**
 * VALID: mapped and checked, ready to accept; REVIEW: waits in the cleaning queue (a check failed or it
 * looks like someone registered); ACCEPTED: in the registry; REJECTED: refused with a reason.
 */
export enum SubmissionStatus {
  VALID = 'VALID',
  REVIEW = 'REVIEW',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

/** The checks a staged submission goes through. */
export const ISSUE_CODES = [
  'AREA_UNKNOWN',
  'DATE_IMPOSSIBLE',
  'NO_HEAD',
  'SEVERAL_HEADS',
  'NAME_MISSING',
  'SEX_UNKNOWN',
  'RELATIONSHIP_UNKNOWN',
  'PHONE_INVALID',
  'DOCUMENT_TYPE_UNKNOWN',
  'DOCUMENT_INVALID',
  'DOCUMENT_EXISTS',
  'LIKELY_DUPLICATE',
  'NO_MEMBERS',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Bulk cleaning rules, previewed before they apply. */
export enum CleaningRuleKind {
  MAP_RELATIONSHIP = 'MAP_RELATIONSHIP',
  TITLE_CASE_NAMES = 'TITLE_CASE_NAMES',
  PHONE_E164 = 'PHONE_E164',
}

registerEnumType(ConnectorKind, { name: 'IntakeConnectorKind' });
registerEnumType(SubmissionSource, { name: 'IntakeSubmissionSource' });
registerEnumType(SubmissionStatus, { name: 'IntakeSubmissionStatus' });
registerEnumType(CleaningRuleKind, { name: 'IntakeCleaningRuleKind' });
