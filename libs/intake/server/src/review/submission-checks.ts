import { type CandidateMatchService, PHONE_PATTERN, Relationship, Sex, VOCABULARY } from '@coremis/registry';
import type { EntityManager } from 'typeorm';
import type { LikelyDuplicate, StagedHousehold, SubmissionIssue } from '../mapping/form-mapping';

export interface CheckInput {
  data: StagedHousehold;
  /** Areas allowed for this submission: the connector's (or USSD flow's) area and below. */
  scopePath: string;
  /** The household the submission already created (an edit): its own members are not duplicates of it. */
  householdId: string | null;
}

export interface CheckResult {
  issues: SubmissionIssue[];
  /** The resolved area, when known. */
  areaId: string | null;
  areaPath: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEXES = new Set<string>(Object.values(Sex));
const RELATIONSHIPS = new Set<string>(Object.values(Relationship));

function impossibleDate(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value !== 'string' || !DATE.test(value)) return true;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value || value > new Date().toISOString().slice(0, 10) || value < '1900-01-01';
}

/**
 * The checks of the cleaning queue, for a batch of staged submissions in a few set-based statements:
 * area known and within scope, dates possible, one head, names, codes, phones, document numbers not
 * already in the registry, and people who look registered already (the registry's duplicate detection:
 * its blocking keys and Fellegi-Sunter model, through `CandidateMatchService`).
 */
export async function checkSubmissions(em: EntityManager, matcher: CandidateMatchService, inputs: readonly CheckInput[]): Promise<CheckResult[]> {
  const codes = [...new Set(inputs.map((i) => i.data.household?.areaCode).filter((c): c is string => typeof c === 'string' && !!c))];
  const areas = new Map<string, { id: string; path: string }>();
  if (codes.length) {
    for (const row of (await em.query(`SELECT code, id, path FROM geo.admin_area WHERE code = ANY($1::text[]) AND is_active`, [codes])) as { code: string; id: string; path: string }[]) {
      areas.set(row.code, { id: row.id, path: row.path });
    }
  }
  const numbers = [...new Set(inputs.flatMap((i) => (i.data.members ?? []).map((m) => m.documentNumber).filter((n): n is string => typeof n === 'string' && !!n)))];
  const documents = new Map<string, { type: string; individualId: string; householdId: string | null }[]>();
  if (numbers.length) {
    const rows = (await em.query(
      `SELECT d.number, d.type, d.individual_id AS "individualId", i.household_id AS "householdId"
         FROM registry.individual_document d JOIN registry.individual i ON i.id = d.individual_id
        WHERE d.number = ANY($1::text[])`,
      [numbers],
    )) as { number: string; type: string; individualId: string; householdId: string | null }[];
    for (const row of rows) documents.set(row.number, [...(documents.get(row.number) ?? []), row]);
  }
  // likely duplicates: the registry's duplicate model, every member of the batch at once, against the whole
  // registry (the result is stored; who may see the matched people is decided when the queue is read)
  const people = inputs.flatMap((input, i) => {
    const area = typeof input.data.household?.areaCode === 'string' ? areas.get(input.data.household.areaCode) : undefined;
    return (input.data.members ?? []).map((m, j) => ({
      key: `${i}.${j}`,
      givenName: typeof m.givenName === 'string' ? m.givenName : null,
      familyName: typeof m.familyName === 'string' ? m.familyName : null,
      birthDate: typeof m.birthDate === 'string' && !impossibleDate(m.birthDate) ? m.birthDate : null,
      sex: typeof m.sex === 'string' ? m.sex : null,
      phones: m.phone && PHONE_PATTERN.test(String(m.phone)) ? [String(m.phone)] : [],
      documents: m.documentNumber ? [String(m.documentNumber)] : [],
      areaPath: area?.path ?? null,
      address: typeof input.data.household?.address === 'string' ? input.data.household.address : null,
      householdId: input.householdId,
    }));
  });
  const duplicates = new Map<string, LikelyDuplicate[]>();
  for (const c of await matcher.match(people, { em, actor: null, limit: 3 })) {
    duplicates.set(c.key, [...(duplicates.get(c.key) ?? []), { individualId: c.individualId, householdId: c.householdId, score: c.score, matchWeight: c.matchWeight, matched: c.matched, contributions: c.contributions }]);
  }
  return inputs.map((input, i) => {
    const issues: SubmissionIssue[] = [];
    const household = input.data.household ?? {};
    const area = typeof household.areaCode === 'string' ? areas.get(household.areaCode) : undefined;
    if (!area || !area.path.startsWith(input.scopePath)) issues.push({ field: 'household.areaCode', code: 'AREA_UNKNOWN' });
    if (impossibleDate(household.registrationDate)) issues.push({ field: 'household.registrationDate', code: 'DATE_IMPOSSIBLE' });
    const members = input.data.members ?? [];
    if (!members.length) issues.push({ field: 'members', code: 'NO_MEMBERS' });
    else {
      const heads = members.filter((m) => m.relationship === Relationship.HEAD).length;
      if (heads === 0) issues.push({ field: 'members', code: 'NO_HEAD' });
      if (heads > 1) issues.push({ field: 'members', code: 'SEVERAL_HEADS' });
    }
    members.forEach((m, j) => {
      const at = (f: string) => `members.${j}.${f}`;
      if (!m.givenName?.toString().trim()) issues.push({ field: at('givenName'), code: 'NAME_MISSING' });
      if (!m.familyName?.toString().trim()) issues.push({ field: at('familyName'), code: 'NAME_MISSING' });
      if (!m.sex || !SEXES.has(m.sex)) issues.push({ field: at('sex'), code: 'SEX_UNKNOWN' });
      if (!m.relationship || !RELATIONSHIPS.has(m.relationship)) issues.push({ field: at('relationship'), code: 'RELATIONSHIP_UNKNOWN' });
      if (impossibleDate(m.birthDate)) issues.push({ field: at('birthDate'), code: 'DATE_IMPOSSIBLE' });
      if (m.phone && !PHONE_PATTERN.test(String(m.phone))) issues.push({ field: at('phone'), code: 'PHONE_INVALID' });
      if (m.documentNumber && m.documentType && !(VOCABULARY.documentType as readonly string[]).includes(m.documentType)) issues.push({ field: at('documentType'), code: 'DOCUMENT_TYPE_UNKNOWN' });
      if (m.documentNumber && !/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,59}$/.test(String(m.documentNumber))) issues.push({ field: at('documentNumber'), code: 'DOCUMENT_INVALID' });
      const holders = m.documentNumber ? (documents.get(String(m.documentNumber)) ?? []) : [];
      const holder = holders.find((d) => (!m.documentType || d.type === m.documentType) && (!input.householdId || d.householdId !== input.householdId));
      if (holder) issues.push({ field: at('documentNumber'), code: 'DOCUMENT_EXISTS', ref: holder.individualId });
      const matches = duplicates.get(`${i}.${j}`);
      if (matches) issues.push({ field: at('givenName'), code: 'LIKELY_DUPLICATE', ref: matches[0].individualId, matches });
    });
    return { issues, areaId: area?.id ?? null, areaPath: area && area.path.startsWith(input.scopePath) ? area.path : null };
  });
}
