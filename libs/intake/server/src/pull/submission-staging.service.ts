import { Injectable } from '@nestjs/common';
import { newId } from '@coremis/core';
import { CandidateMatchService } from '@coremis/registry';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Connector } from '../entities/connector.entity';
import { Submission } from '../entities/submission.entity';
import { SubmissionSource, SubmissionStatus } from '../intake-vocabulary';
import { applyMapping, type StagedHousehold, type SubmissionIssue } from '../mapping/form-mapping';
import { RegistryWriter } from '../review/registry-writer.service';
import { checkSubmissions } from '../review/submission-checks';
import type { PulledSubmission } from '../sources/submission-source';

export interface StageCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Edits written to households already in the registry. */
  registryUpdated: number;
}

export type DownloadedFiles = Map<string, { name: string; content: Buffer; contentType: string }[]>;

interface Existing {
  id: string;
  uuid: string;
  source_id: string | null;
  instance_ids: string[];
  status: SubmissionStatus;
  household_id: string | null;
  member_ids: (string | null)[];
}

/**
 * Stores a page of pulled submissions as received and staged (mapped and checked), in the caller's
 * transaction, with a few set-based statements: idempotent on the submission's uuid (a version already
 * stored changes nothing), an edit updates the row it replaces, and an edit of an accepted submission
 * updates the registry household it created.
 */
@Injectable()
export class SubmissionStagingService {
  constructor(
    private readonly writer: RegistryWriter,
    private readonly matcher: CandidateMatchService,
  ) {}

  /** The instance ids of the page already stored (their attachments need no download). */
  async knownInstances(em: EntityManager, connectorId: string, rows: readonly PulledSubmission[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    // the b-tree on (connector_id, instance_id): an array overlap with 2,000 ids makes the planner scan the table
    const found = (await em.query(`SELECT instance_id AS id FROM intake.submission WHERE connector_id = $1 AND instance_id = ANY($2::text[])`, [connectorId, rows.map((r) => r.instanceId)])) as { id: string }[];
    return new Set(found.map((r) => r.id));
  }

  async stagePage(em: EntityManager, connector: Connector, rows: readonly PulledSubmission[], files: DownloadedFiles): Promise<StageCounts> {
    const counts: StageCounts = { created: 0, updated: 0, unchanged: 0, registryUpdated: 0 };
    if (!rows.length) return counts;
    const keys = [...new Set(rows.flatMap((r) => [r.instanceId, r.deprecatedId, r.rootId]).filter((k): k is string => !!k))];
    const columns = 'id, uuid, source_id, instance_ids, status, household_id, member_ids';
    const sourceIds = [...new Set(rows.map((r) => r.sourceId).filter((k): k is string => !!k))];
    // b-tree lookups by the current instance id and the uuid; the GIN index on every earlier instance id only for
    // deprecated ids that are not a current one (versions edited more than once between two pulls)
    const existing = (await em.query(
      `SELECT ${columns} FROM intake.submission WHERE id IN (
         SELECT id FROM intake.submission WHERE connector_id = $1 AND instance_id = ANY($2::text[])
         UNION SELECT id FROM intake.submission WHERE connector_id = $1 AND uuid = ANY($2::text[])
         UNION SELECT id FROM intake.submission WHERE connector_id = $1 AND source_id = ANY($3::text[])) FOR UPDATE`,
      [connector.id, keys, sourceIds],
    )) as Existing[];
    const current = new Set(existing.flatMap((row) => [row.uuid, ...row.instance_ids]));
    const missing = [...new Set(rows.map((r) => r.deprecatedId).filter((k): k is string => !!k && !current.has(k)))];
    if (missing.length) {
      existing.push(...((await em.query(`SELECT ${columns} FROM intake.submission WHERE connector_id = $1 AND instance_ids && $2::text[] FOR UPDATE`, [connector.id, missing])) as Existing[]));
    }
    const byKey = new Map<string, Existing>();
    for (const row of existing) {
      byKey.set(row.uuid, row);
      if (row.source_id) byKey.set(`source:${row.source_id}`, row);
      for (const id of row.instance_ids) byKey.set(id, row);
    }
    const source = connector.kind === 'KOBO' ? SubmissionSource.KOBO : SubmissionSource.ODK;
    const work: { row: PulledSubmission; data: StagedHousehold; previous: Existing | null; id: string; uuid: string }[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const previous =
        (row.sourceId && byKey.get(`source:${row.sourceId}`)) || (row.rootId && byKey.get(row.rootId)) || byKey.get(row.instanceId) || (row.deprecatedId && byKey.get(row.deprecatedId)) || null;
      if (previous?.instance_ids.includes(row.instanceId)) {
        counts.unchanged++;
        continue;
      }
      const uuid = previous?.uuid ?? row.rootId ?? row.deprecatedId ?? row.instanceId;
      if (seen.has(uuid)) continue; // the same submission twice in one page: the first is the one the server listed
      seen.add(uuid);
      work.push({ row, data: normalise(applyMapping(row.flat, connector.mapping)), previous, id: previous?.id ?? newId(), uuid });
    }
    if (!work.length) return counts;
    const checks = await checkSubmissions(
      em,
      this.matcher,
      work.map((w) => ({ data: w.data, scopePath: connector.areaPath, householdId: w.previous?.household_id ?? null })),
    );
    const records = work.map((w, i) => {
      const accepted = w.previous?.status === SubmissionStatus.ACCEPTED;
      const status = checks[i].issues.length ? SubmissionStatus.REVIEW : accepted ? SubmissionStatus.ACCEPTED : SubmissionStatus.VALID;
      return {
        id: w.id,
        uuid: w.uuid,
        source_id: w.row.sourceId,
        instance_id: w.row.instanceId,
        instance_ids: [...new Set([...(w.previous?.instance_ids ?? []), ...(w.row.deprecatedId ? [w.row.deprecatedId] : []), w.row.instanceId])],
        submitted_at: w.row.submittedAt ? toIso(w.row.submittedAt) : null,
        raw: w.row.raw,
        data: w.data,
        issues: checks[i].issues as SubmissionIssue[],
        status: w.previous?.status === SubmissionStatus.REJECTED ? SubmissionStatus.REJECTED : status,
        area_path: checks[i].areaPath ?? connector.areaPath,
        edited_after_accept: accepted,
        area_id: checks[i].areaId,
        isNew: !w.previous,
      };
    });
    const fresh = records.filter((r) => r.isNew);
    if (fresh.length) {
      await em.query(
        `INSERT INTO intake.submission (id, connector_id, source, uuid, source_id, instance_id, instance_ids, submitted_at, raw, data, issues, status, area_path)
         SELECT x.id, $1, $2, x.uuid, x.source_id, x.instance_id, x.instance_ids, x.submitted_at, x.raw, x.data, x.issues, x.status, x.area_path
           FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, uuid text, source_id text, instance_id text, instance_ids text[], submitted_at timestamptz, raw jsonb, data jsonb, issues jsonb, status text, area_path text)`,
        [connector.id, source, JSON.stringify(fresh.map(({ isNew: _n, area_id: _a, edited_after_accept: _e, ...r }) => r))],
      );
      counts.created += fresh.length;
    }
    const edits = records.filter((r) => !r.isNew);
    if (edits.length) {
      await em.query(
        `UPDATE intake.submission s SET instance_id = x.instance_id, instance_ids = x.instance_ids, raw = x.raw, data = x.data, issues = x.issues,
                status = x.status, area_path = x.area_path, edited_after_accept = s.edited_after_accept OR x.edited_after_accept,
                updated_at = now(), version = s.version + 1
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, instance_id text, instance_ids text[], raw jsonb, data jsonb, issues jsonb, status text, area_path text, edited_after_accept boolean)
          WHERE s.id = x.id`,
        [JSON.stringify(edits.map(({ isNew: _n, area_id: _a, uuid: _u, submitted_at: _s, source_id: _i, ...r }) => r))],
      );
      counts.updated += edits.length;
    }
    // attachments, as received (a new version's files replace the old ones of the same name)
    const attachments = records.flatMap((r, i) => (files.get(work[i].row.instanceId) ?? []).map((f) => ({ ...f, submissionId: r.id })));
    for (const file of attachments) {
      await em.query(
        `INSERT INTO intake.attachment (submission_id, name, content_type, size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (submission_id, name) DO UPDATE SET content_type = EXCLUDED.content_type, size = EXCLUDED.size, sha256 = EXCLUDED.sha256, content = EXCLUDED.content, updated_at = now(), version = intake.attachment.version + 1`,
        [file.submissionId, file.name.slice(0, 300), file.contentType, file.content.length, createHash('sha256').update(file.content).digest('hex'), file.content],
      );
    }
    // an edit of a submission already in the registry updates that household when it still passes the checks
    for (const record of edits.filter((r) => r.status === SubmissionStatus.ACCEPTED && r.area_id)) {
      const submission = await em.findOneByOrFail(Submission, { id: record.id });
      const written = await this.writer.write(em, submission, record.area_id!);
      await em.query(`UPDATE intake.submission SET member_ids = $2, edited_after_accept = false WHERE id = $1`, [record.id, JSON.stringify(written.memberIds)]);
      counts.registryUpdated++;
    }
    return counts;
  }
}

/** Trimmed text values; empty answers as null. */
export function normalise(data: StagedHousehold): StagedHousehold {
  const tidy = (value: unknown) => (typeof value === 'string' ? value.trim() || null : value);
  const household = Object.fromEntries(Object.entries(data.household).map(([k, v]) => [k, k === 'extra' ? v : tidy(v)])) as StagedHousehold['household'];
  const members = data.members.map((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k === 'extra' ? v : tidy(v)])) as StagedHousehold['members'][number]);
  return { ...data, household, members };
}

/** KoBo's times have no zone (UTC); ODK's are ISO with a zone. */
function toIso(value: string): string {
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
}
