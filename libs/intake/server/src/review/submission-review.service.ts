import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, applyAreaScope, areaScopePatterns, conflict, invalidField, notFound, paginate, RequestContext, type ConnectionShape } from '@coremis/core';
import { CandidateMatchService } from '@coremis/registry';
import { DataSource, type EntityManager } from 'typeorm';
import type { CleaningRuleInput, CorrectSubmissionInput, DecideSubmissionInput, RejectSubmissionInput, SubmissionsArgs } from '../dto/submission.inputs';
import type { LikelyDuplicate, RuleChange, RulePreview } from '../dto/submission.models';
import { SubmissionAttachment } from '../entities/attachment.entity';
import { SubmissionCorrection } from '../entities/submission-correction.entity';
import { Submission } from '../entities/submission.entity';
import { CleaningRuleKind, SubmissionStatus } from '../intake-vocabulary';
import { setStagedValue, stagedValue, type StagedHousehold, titleCase, toE164 } from '../mapping/form-mapping';
import { RegistryWriter } from './registry-writer.service';
import { checkSubmissions } from './submission-checks';

/** Checks an officer may override when accepting (the others must be corrected first). */
const WARNINGS = new Set(['LIKELY_DUPLICATE']);
const OPEN = [SubmissionStatus.VALID, SubmissionStatus.REVIEW];
const RULE_BATCH = 1000;

/**
 * The cleaning queue: submissions in the caller's areas (by the area they name, or their connector's),
 * corrected field by field (each correction kept with who and when), accepted into the registry or
 * rejected with a reason, and cleaned in bulk by rules previewed before they apply.
 */
@Injectable()
export class SubmissionReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RegistryWriter,
    private readonly matcher: CandidateMatchService,
  ) {}

  scoped(em: EntityManager = this.dataSource.manager) {
    return applyAreaScope(em.getRepository(Submission).createQueryBuilder('s'), 's.area_path');
  }

  list(args: SubmissionsArgs): Promise<ConnectionShape<Submission>> {
    const query = this.scoped();
    const f = args.filter;
    if (f?.statuses?.length) query.andWhere('s.status = ANY(:statuses)', { statuses: f.statuses });
    if (f?.connectorId) query.andWhere('s.connector_id = :connectorId', { connectorId: f.connectorId });
    if (f?.source) query.andWhere('s.source = :source', { source: f.source });
    if (f?.issue) query.andWhere(`s.issues @> jsonb_build_array(jsonb_build_object('code', :issue::text))`, { issue: f.issue });
    return paginate(query, args, [{ expression: 's.id', value: (row) => row.id }]);
  }

  findById(id: string): Promise<Submission | null> {
    return this.scoped().andWhere('s.id = :id', { id }).getOne();
  }

  /** Corrections of submissions the caller reached through the scoped queue (one statement for a page). */
  async corrections(submissionIds: readonly string[]): Promise<SubmissionCorrection[]> {
    if (!submissionIds.length) return [];
    return this.dataSource.getRepository(SubmissionCorrection).createQueryBuilder('c').where('c.submission_id = ANY(:ids)', { ids: [...submissionIds] }).orderBy('c.id').getMany();
  }

  async attachments(submissionIds: readonly string[]): Promise<SubmissionAttachment[]> {
    if (!submissionIds.length) return [];
    return this.dataSource.getRepository(SubmissionAttachment).createQueryBuilder('a').where('a.submission_id = ANY(:ids)', { ids: [...submissionIds] }).orderBy('a.name').getMany();
  }

  /**
   * The registered people of the LIKELY_DUPLICATE issues of submissions the caller reached through the scoped
   * queue, with who they are when they lie in the caller's areas (otherwise only the score and why).
   */
  async likelyDuplicates(submissions: readonly Submission[]): Promise<Map<string, LikelyDuplicate[]>> {
    const found = submissions.flatMap((s) =>
      s.issues
        .filter((i) => i.code === 'LIKELY_DUPLICATE' && i.matches?.length)
        .flatMap((i) => i.matches!.map((m) => ({ submissionId: s.id, member: Number(i.field.split('.')[1]), ...m }))),
    );
    const byId = new Map<string, { givenName: string; familyName: string; birthDate: string | null; householdCode: string | null }>();
    if (found.length) {
      const scope = areaScopePatterns();
      const rows = (await this.dataSource.query(
        `SELECT i.id, i.given_name AS "givenName", i.family_name AS "familyName", to_char(i.birth_date, 'YYYY-MM-DD') AS "birthDate", h.code AS "householdCode"
           FROM registry.individual i LEFT JOIN registry.household h ON h.id = i.household_id
          WHERE i.id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR i.area_path LIKE ANY ($2::text[]))`,
        [[...new Set(found.map((f) => f.individualId))], scope],
      )) as { id: string; givenName: string; familyName: string; birthDate: string | null; householdCode: string | null }[];
      for (const row of rows) byId.set(row.id, row);
    }
    const out = new Map<string, LikelyDuplicate[]>(submissions.map((s) => [s.id, []]));
    for (const f of found) {
      const person = byId.get(f.individualId);
      out.get(f.submissionId)!.push({
        member: f.member,
        individualId: f.individualId,
        visible: !!person,
        givenName: person?.givenName ?? null,
        familyName: person?.familyName ?? null,
        birthDate: person?.birthDate ?? null,
        householdId: person ? f.householdId : null,
        householdCode: person?.householdCode ?? null,
        score: f.score,
        matchWeight: f.matchWeight,
        matched: f.matched,
        contributions: f.contributions,
      });
    }
    return out;
  }

  /** An attachment's content, when its submission is in the caller's areas. */
  async attachmentContent(id: string): Promise<SubmissionAttachment | null> {
    const file = await this.dataSource.getRepository(SubmissionAttachment).createQueryBuilder('a').addSelect('a.content').where('a.id = :id', { id }).getOne();
    if (!file || !(await this.findById(file.submissionId))) return null;
    return file;
  }

  private async loadForChange(em: EntityManager, id: string, version: number): Promise<Submission> {
    const record = await this.scoped(em).andWhere('s.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!record) throw notFound('intake.errors.submissionNotFound');
    if (record.version !== version) throw conflict('core.errors.staleVersion');
    return record;
  }

  /** The area a submission's area must lie in: its connector's, or its USSD flow's. */
  private async scopePath(em: EntityManager, submission: Submission): Promise<string> {
    const [row] = (await em.query(
      `SELECT coalesce((SELECT area_path FROM intake.connector WHERE id = $1), (SELECT area_path FROM intake.ussd_flow WHERE program_code = $2), '/') AS path`,
      [submission.connectorId, submission.programCode],
    )) as { path: string }[];
    return row.path;
  }

  private async recheck(em: EntityManager, submission: Submission): Promise<{ areaId: string | null }> {
    const [result] = await checkSubmissions(em, this.matcher, [{ data: submission.data, scopePath: await this.scopePath(em, submission), householdId: submission.householdId }]);
    submission.issues = result.issues;
    if (result.areaPath) submission.areaPath = result.areaPath;
    if (OPEN.includes(submission.status)) submission.status = result.issues.length ? SubmissionStatus.REVIEW : SubmissionStatus.VALID;
    return { areaId: result.areaId };
  }

  async correct(input: CorrectSubmissionInput): Promise<Submission> {
    return this.dataSource.transaction(async (em) => {
      const submission = await this.loadForChange(em, input.id, input.version);
      if (!OPEN.includes(submission.status) && !submission.editedAfterAccept) throw conflict('intake.errors.notOpen', { status: submission.status });
      const actor = RequestContext.actor()?.userId ?? null;
      let data = submission.data;
      for (const [index, correction] of input.corrections.entries()) {
        const value = correction.value;
        if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw invalidField(`corrections.${index}.value`, 'intake.errors.badValue');
        if (typeof value === 'string' && value.length > 300) throw invalidField(`corrections.${index}.value`, 'intake.errors.badValue');
        const member = correction.field.match(/^members\.(\d+)\./);
        if (member && Number(member[1]) > data.members.length) throw invalidField(`corrections.${index}.field`, 'intake.errors.badField');
        const old = stagedValue(data, correction.field) ?? null;
        const next = typeof value === 'string' ? value.trim() || null : value;
        if (JSON.stringify(old) === JSON.stringify(next)) continue;
        data = setStagedValue(data, correction.field, next);
        await em.save(em.create(SubmissionCorrection, { submissionId: submission.id, field: correction.field, oldValue: old, newValue: next, rule: null, correctedBy: actor }));
      }
      submission.data = data;
      await this.recheck(em, submission);
      return em.save(submission);
    });
  }

  async accept(input: DecideSubmissionInput): Promise<Submission> {
    return this.dataSource.transaction(async (em) => {
      const submission = await this.loadForChange(em, input.id, input.version);
      if (!OPEN.includes(submission.status)) throw conflict('intake.errors.notOpen', { status: submission.status });
      const { areaId } = await this.recheck(em, submission);
      const blocking = submission.issues.filter((i) => !WARNINGS.has(i.code));
      if (blocking.length || !areaId) {
        throw new AppError(
          'BAD_USER_INPUT',
          'intake.errors.stillFailing',
          { count: blocking.length || 1 },
          blocking.map((i) => ({ field: i.field, key: `intake.issues.${i.code}` })),
        );
      }
      const written = await this.writer.write(em, submission, areaId);
      submission.householdId = written.householdId;
      submission.memberIds = written.memberIds;
      submission.status = SubmissionStatus.ACCEPTED;
      submission.editedAfterAccept = false;
      submission.decidedBy = RequestContext.actor()?.userId ?? null;
      submission.decidedAt = new Date();
      return em.save(submission);
    });
  }

  async reject(input: RejectSubmissionInput): Promise<Submission> {
    return this.dataSource.transaction(async (em) => {
      const submission = await this.loadForChange(em, input.id, input.version);
      if (!OPEN.includes(submission.status)) throw conflict('intake.errors.notOpen', { status: submission.status });
      submission.status = SubmissionStatus.REJECTED;
      submission.rejectReason = input.reason.trim();
      submission.decidedBy = RequestContext.actor()?.userId ?? null;
      submission.decidedAt = new Date();
      return em.save(submission);
    });
  }

  async previewRule(input: CleaningRuleInput): Promise<RulePreview> {
    const preview: RulePreview = { submissions: 0, fields: 0, sample: [] };
    await this.eachBatch(this.dataSource.manager, input, async (rows) => {
      for (const row of rows) {
        const changes = ruleChanges(input, row.data);
        if (!changes.length) continue;
        preview.submissions++;
        preview.fields += changes.length;
        for (const change of changes) if (preview.sample.length < 50) preview.sample.push({ submissionId: row.id, ...change });
      }
    });
    return preview;
  }

  /** Applies a rule to the open submissions in scope, in batches: the corrections are recorded, the checks re-run. */
  async applyRule(input: CleaningRuleInput): Promise<RulePreview> {
    checkRule(input);
    return this.dataSource.transaction(async (em) => {
      const result: RulePreview = { submissions: 0, fields: 0, sample: [] };
      const actor = RequestContext.actor()?.userId ?? null;
      await this.eachBatch(em, input, async (rows) => {
        const changed = rows.map((row) => ({ row, changes: ruleChanges(input, row.data) })).filter((c) => c.changes.length);
        if (!changed.length) return;
        for (const c of changed) for (const change of c.changes) c.row.data = setStagedValue(c.row.data, change.field, change.newValue);
        const paths = new Map<string, string>();
        for (const c of changed) if (!paths.has(c.row.id)) paths.set(c.row.id, await this.scopePath(em, c.row));
        const checks = await checkSubmissions(em, this.matcher, changed.map((c) => ({ data: c.row.data, scopePath: paths.get(c.row.id)!, householdId: c.row.householdId })));
        await em.query(
          `UPDATE intake.submission s SET data = x.data, issues = x.issues, status = x.status, area_path = coalesce(x.area_path, s.area_path), updated_at = now(), version = s.version + 1
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, data jsonb, issues jsonb, status text, area_path text) WHERE s.id = x.id`,
          [JSON.stringify(changed.map((c, i) => ({ id: c.row.id, data: c.row.data, issues: checks[i].issues, status: checks[i].issues.length ? 'REVIEW' : 'VALID', area_path: checks[i].areaPath })))],
        );
        const corrections = changed.flatMap((c) => c.changes.map((change) => ({ submission_id: c.row.id, field: change.field, old_value: change.oldValue ?? null, new_value: change.newValue })));
        await em.query(
          `INSERT INTO intake.correction (submission_id, field, old_value, new_value, rule, corrected_by)
           SELECT x.submission_id, x.field, x.old_value, x.new_value, $2, $3 FROM jsonb_to_recordset($1::jsonb) AS x(submission_id uuid, field text, old_value jsonb, new_value jsonb)`,
          [JSON.stringify(corrections), input.kind, actor],
        );
        result.submissions += changed.length;
        result.fields += corrections.length;
      });
      return result;
    });
  }

  /** The open submissions in scope (optionally of one connector), a batch at a time in id order. */
  private async eachBatch(em: EntityManager, input: CleaningRuleInput, work: (rows: Submission[]) => Promise<void>): Promise<void> {
    checkRule(input);
    let after: string | null = null;
    for (;;) {
      const query = this.scoped(em).andWhere('s.status = ANY(:open)', { open: OPEN }).orderBy('s.id').take(RULE_BATCH);
      if (input.connectorId) query.andWhere('s.connector_id = :connectorId', { connectorId: input.connectorId });
      if (after) query.andWhere('s.id > :after', { after });
      const rows = await query.getMany();
      if (!rows.length) return;
      await work(rows);
      if (rows.length < RULE_BATCH) return;
      after = rows[rows.length - 1].id;
    }
  }
}

function checkRule(input: CleaningRuleInput): void {
  if (input.kind === CleaningRuleKind.MAP_RELATIONSHIP) {
    if (!input.value) throw invalidField('value', 'intake.errors.ruleValueRequired');
    if (!input.code) throw invalidField('code', 'intake.errors.ruleCodeRequired');
  }
  if (input.kind === CleaningRuleKind.PHONE_E164 && !input.country) throw invalidField('country', 'intake.errors.ruleCountryRequired');
}

/** The changes a rule makes to one staged submission. */
export function ruleChanges(input: CleaningRuleInput, data: StagedHousehold): Omit<RuleChange, 'submissionId'>[] {
  const changes: Omit<RuleChange, 'submissionId'>[] = [];
  (data.members ?? []).forEach((m, i) => {
    if (input.kind === CleaningRuleKind.MAP_RELATIONSHIP && typeof m.relationship === 'string' && m.relationship.trim().toLocaleLowerCase() === input.value!.trim().toLocaleLowerCase() && m.relationship !== input.code) {
      changes.push({ field: `members.${i}.relationship`, oldValue: m.relationship, newValue: input.code });
    }
    if (input.kind === CleaningRuleKind.TITLE_CASE_NAMES) {
      for (const key of ['givenName', 'familyName'] as const) {
        const value = m[key];
        if (typeof value === 'string' && value.trim() && titleCase(value) !== value) changes.push({ field: `members.${i}.${key}`, oldValue: value, newValue: titleCase(value) });
      }
    }
    if (input.kind === CleaningRuleKind.PHONE_E164 && m.phone) {
      const normalised = toE164(String(m.phone), input.country);
      if (normalised && normalised !== m.phone) changes.push({ field: `members.${i}.phone`, oldValue: m.phone, newValue: normalised });
    }
  });
  return changes;
}
