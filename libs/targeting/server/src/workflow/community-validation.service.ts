import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { AppError, AuditService, conflict, invalidField, notFound, RequestContext, Translator } from '@coremis/core';
import Papa from 'papaparse';
import { DataSource, type EntityManager } from 'typeorm';
import type { DecideValidationInput, UploadValidationCsvInput, ValidationDecisionInput } from '../dto/workflow.inputs';
import type { ValidationResult } from '../dto/workflow.models';
import { StageKind, StageOutcomeStatus, type TargetingRound } from '../entities/workflow.entity';
import { validationListPdf } from './validation-pdf';
import { inPaths, WorkflowService } from './workflow.service';

const YES = new Set(['x', 'yes', 'y', '1', 'true', 'oui', 'sim', '✓', '✔']);
const NO = new Set(['', 'no', 'n', '0', 'false', 'non', 'não', 'nao']);
const MAX_LISTED = 20;

/**
 * Community validation: the households pending at a round's validation stage, listed per village for the meeting
 * (PDF), then approved or rejected (with a reason) one by one on the web or as the ticked list uploaded as CSV.
 * Only households in the caller's areas can be listed or decided; a batch is all or nothing, each decision audited.
 */
@Injectable()
export class CommunityValidationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: WorkflowService,
    private readonly areas: AdminAreaService,
    private readonly audit: AuditService,
    private readonly translator: Translator,
  ) {}

  async decide(input: DecideValidationInput): Promise<ValidationResult> {
    return this.dataSource.transaction(async (em) => {
      const round = await this.validating(em, input.roundId);
      return this.apply(em, round, input.decisions, (i) => `decisions.${i}`);
    });
  }

  /** The ticked list as CSV (household_code, approved, reason); any unknown code or bad line refuses the whole file. */
  async upload(input: UploadValidationCsvInput): Promise<ValidationResult> {
    const parsed = Papa.parse<Record<string, string>>(input.content.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
    const fields = parsed.meta.fields ?? [];
    if (!fields.includes('household_code') || !fields.includes('approved')) throw invalidField('content', 'targeting.validation.csvColumns');
    return this.dataSource.transaction(async (em) => {
      const round = await this.validating(em, input.roundId);
      const codes = parsed.data.map((r) => (r['household_code'] ?? '').trim());
      const found = (await em.query(
        `SELECT h.code, h.id FROM targeting.stage_outcome o JOIN registry.household h ON h.id = o.household_id
          WHERE o.round_id = $1 AND o.stage = $2 AND h.code = ANY($3::text[]) AND ${inPaths('o.area_path', 4)}`,
        [round.id, round.currentStage, codes, RequestContext.actor()?.areaPaths ?? null],
      )) as { code: string; id: string }[];
      const ids = new Map(found.map((f) => [f.code, f.id]));
      const unknown = [...new Set(codes.filter((c) => !ids.has(c)))];
      if (unknown.length) {
        const listed = unknown.slice(0, MAX_LISTED).map((c) => c || '""').join(', ');
        throw invalidField('content', 'targeting.validation.unknownCodes', { count: unknown.length, codes: unknown.length > MAX_LISTED ? `${listed}, …` : listed });
      }
      const decisions: ValidationDecisionInput[] = parsed.data.map((r, i) => {
        const tick = (r['approved'] ?? '').trim().toLowerCase();
        if (!YES.has(tick) && !NO.has(tick)) throw invalidField('content', 'targeting.validation.csvDecision', { line: i + 2, value: r['approved'] });
        return { householdId: ids.get(codes[i])!, approved: YES.has(tick), reason: r['reason']?.trim() || null };
      });
      return this.apply(em, round, decisions, () => 'content', (i) => i + 2);
    });
  }

  /** The printed list of one area's pending households, in the caller's language. */
  async listPdf(roundId: string, areaId: string): Promise<{ fileName: string; content: Buffer }> {
    const round = await this.workflows.findRound(roundId);
    if (!round) throw notFound('targeting.workflow.roundNotFound');
    const area = await this.areas.findById(areaId);
    if (!area) throw notFound('programs.errors.areaNotFound');
    const workflow = await this.workflows.roundWorkflow(round);
    const stage = workflow.stages.findIndex((s, i) => s.kind === StageKind.COMMUNITY_VALIDATION && i <= round.currentStage);
    if (stage < 0) throw conflict('targeting.validation.noValidationStage');
    const page = await this.workflows.outcomeRows(this.dataSource.manager, round.id, stage, StageOutcomeStatus.PENDING, area.path, 5000, 0);
    const lang = this.translator.currentLanguage();
    const t = (key: string, args: Record<string, unknown> = {}) => this.translator.translate(`targeting.validation.pdf.${key}`, lang, args);
    const [program] = (await this.dataSource.query(`SELECT code, coalesce(name ->> $2, name ->> 'en') AS name FROM programs.program WHERE id = $1`, [round.programId, lang])) as { code: string; name: string }[];
    const areaName = (lang === 'fr' ? area.nameFr : lang === 'pt' ? area.namePt : null) ?? area.nameEn;
    const content = await validationListPdf({
      title: t('title', { area: areaName, code: area.code }),
      subtitle: t('subtitle', { programme: `${program.code} — ${program.name}`, round: round.number, stage: workflow.stages[stage].name, count: page.total, date: new Date().toISOString().slice(0, 10) }),
      columns: { number: t('number'), code: t('code'), head: t('head'), members: t('members'), tick: t('tick'), remark: t('remark') },
      rows: page.rows,
      footer: t('footer'),
      empty: t('empty'),
    });
    return { fileName: `validation-${program.code}-${round.number}-${area.code}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_'), content };
  }

  /** The round, locked, in the caller's scope, waiting at a community validation stage. */
  private async validating(em: EntityManager, roundId: string): Promise<TargetingRound> {
    const { round } = await this.workflows.roundForChange(em, roundId, false);
    const workflow = await this.workflows.roundWorkflow(round, em);
    if (workflow.stages[round.currentStage]?.kind !== StageKind.COMMUNITY_VALIDATION) throw conflict('targeting.validation.notValidating');
    return round;
  }

  private async apply(em: EntityManager, round: TargetingRound, decisions: ValidationDecisionInput[], field: (i: number) => string, line?: (i: number) => number): Promise<ValidationResult> {
    const seen = new Set<string>();
    for (const [i, d] of decisions.entries()) {
      if (seen.has(d.householdId)) throw this.lineError(field(i), 'targeting.validation.twice', line?.(i));
      seen.add(d.householdId);
      if (!d.approved && !d.reason?.trim()) throw this.lineError(line ? field(i) : `${field(i)}.reason`, 'targeting.validation.reasonRequired', line?.(i));
    }
    const ids = decisions.map((d) => d.householdId);
    const scope = RequestContext.actor()?.areaPaths ?? null;
    const rows = (await em.query(
      `SELECT household_id, area_path FROM targeting.stage_outcome o WHERE o.round_id = $1 AND o.stage = $2 AND o.household_id = ANY($3::uuid[]) AND ${inPaths('o.area_path', 4)}`,
      [round.id, round.currentStage, ids, scope],
    )) as { household_id: string; area_path: string }[];
    if (rows.length !== ids.length) throw invalidField(field(decisions.findIndex((d) => !rows.some((r) => r.household_id === d.householdId))), 'targeting.validation.notInList');
    const userId = RequestContext.actor()?.userId ?? null;
    await em.query(
      `UPDATE targeting.stage_outcome o SET status = d.status, reason = CASE WHEN d.status = 'FAILED' THEN 'COMMUNITY_REJECTED' END, note = d.note, decided_by = $6::uuid, decided_at = now()
         FROM unnest($3::uuid[], $4::text[], $5::text[]) d(household_id, status, note)
        WHERE o.round_id = $1 AND o.stage = $2 AND o.household_id = d.household_id`,
      [round.id, round.currentStage, ids, decisions.map((d) => (d.approved ? StageOutcomeStatus.PASSED : StageOutcomeStatus.FAILED)), decisions.map((d) => d.reason?.trim() || null), userId],
    );
    const paths = new Map(rows.map((r) => [r.household_id, r.area_path]));
    for (const d of decisions) {
      await this.audit.record(em, {
        action: 'UPDATE',
        entityType: 'CommunityValidation',
        entityId: d.householdId,
        areaPath: paths.get(d.householdId) ?? null,
        details: { roundId: round.id, stage: round.currentStage, decision: d.approved ? 'APPROVED' : 'REJECTED', reason: d.reason?.trim() || null },
      });
    }
    const [counts] = (await em.query(`SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending FROM targeting.stage_outcome o WHERE o.round_id = $1 AND o.stage = $2 AND ${inPaths('o.area_path', 3)}`, [round.id, round.currentStage, scope])) as { pending: number }[];
    return { approved: decisions.filter((d) => d.approved).length, rejected: decisions.filter((d) => !d.approved).length, pending: counts.pending };
  }

  private lineError(field: string, key: string, line?: number): AppError {
    return line === undefined ? invalidField(field, key) : invalidField(field, `${key}Line`, { line });
  }
}
