import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { areaScopePatterns, badInput, RequestContext } from '@coremis/core';
import type { DataSource } from 'typeorm';
import type { AgentLinesQuery } from './agent.inputs';

export interface AgentPoint {
  id: string;
  code: string;
  name: string;
  type: string;
  latitude: number | null;
  longitude: number | null;
  openingDays: string[];
}

export interface AgentLine {
  kind: 'CASH' | 'GOODS';
  id: string;
  pointId: string;
  status: string;
  cycleCode: string;
  period: string;
  beneficiaryId: string;
  recipientId: string | null;
  recipientName: string | null;
  amountMinor: string | null;
  currency: string | null;
  itemCode: string | null;
  itemNames: Record<string, string | null> | null;
  unit: string | null;
  quantity: number | null;
  updatedAt: string;
  photoUrl?: string | null;
  photo?: { contentType: string; base64: string } | null;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const ISO_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * What an agent's device sees: the points the agent is staff of (within the agent's areas), and the cash lines
 * and goods entitlements of those points once their payroll / distribution is in payment, changed since a
 * watermark, paged on (updated_at, id). Nothing of another point is ever selected.
 */
@Injectable()
export class AgentService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async points(): Promise<AgentPoint[]> {
    const userId = RequestContext.actor()?.userId;
    if (!userId) return [];
    return (await this.dataSource.query(
      `SELECT id, code, name, type, latitude::float8 AS latitude, longitude::float8 AS longitude, opening_days AS "openingDays" FROM payment.payment_point
       WHERE active AND $1::uuid = ANY(staff_user_ids) AND ($2::text[] IS NULL OR area_path LIKE ANY($2::text[])) ORDER BY code`,
      [userId, areaScopePatterns()],
    )) as AgentPoint[];
  }

  async pointIds(): Promise<string[]> {
    return (await this.points()).map((p) => p.id);
  }

  async lines(query: AgentLinesQuery): Promise<{ items: AgentLine[]; nextCursor: string | null; watermark: string | null; serverTime: string }> {
    const pointIds = await this.pointIds();
    let after: [string, string] | null = null;
    if (query.cursor) {
      const match = CURSOR.exec(Buffer.from(query.cursor, 'base64url').toString('utf8'));
      if (!match) throw badInput('payment.agent.errors.badCursor');
      after = [match[1], match[2]];
    }
    const inline = query.photos === 'inline';
    const limit = Math.min(query.limit ?? (inline ? 50 : 200), inline ? 100 : 500);
    const scope = areaScopePatterns();
    // a first download holds what is still to hand over; later ones (since a watermark) every change, cancellations and payments included
    const statuses = query.since ? ['SUBMITTED', 'FAILED', 'PAID', 'CANCELLED', 'RECONCILED'] : ['SUBMITTED', 'FAILED'];
    const [{ now }] = (await this.dataSource.query(`SELECT to_char(now() AT TIME ZONE 'UTC', ${ISO_US}) AS now`)) as { now: string }[];
    const rows = pointIds.length
      ? ((await this.dataSource.query(
          `SELECT * FROM (
             SELECT 'CASH' AS kind, l.id, l.payment_point_id AS "pointId", l.status, c.code AS "cycleCode", l.period, l.beneficiary_id AS "beneficiaryId",
               l.recipient_id AS "recipientId", l.recipient_name AS "recipientName", l.amount_minor::text AS "amountMinor", l.currency,
               NULL::text AS "itemCode", NULL::jsonb AS "itemNames", NULL::text AS unit, NULL::int AS quantity, l.updated_at,
               to_char(l.updated_at AT TIME ZONE 'UTC', ${ISO_US}) AS "updatedAt", ind.photo_file_id
             FROM payment.payroll_line l JOIN payment.payroll p ON p.id = l.payroll_id JOIN payment.cycle c ON c.id = l.cycle_id
             LEFT JOIN registry.individual ind ON ind.id = l.recipient_id
             WHERE l.payment_point_id = ANY($1::uuid[]) AND p.provider_account_id IS NULL AND p.status IN ('IN_PAYMENT', 'RECONCILED')
               AND l.status = ANY($7::text[])
               AND ($2::text[] IS NULL OR l.area_path LIKE ANY($2::text[]))
               AND ($3::timestamptz IS NULL OR l.updated_at > $3::timestamptz)
               AND ($4::timestamptz IS NULL OR (l.updated_at, l.id) > ($4::timestamptz, $5::uuid))
             UNION ALL
             SELECT 'GOODS', e.id, e.payment_point_id, e.status, c.code, c.period, e.beneficiary_id, e.recipient_id, e.recipient_name,
               NULL, NULL, i.code, i.names, i.unit, e.quantity, e.updated_at, to_char(e.updated_at AT TIME ZONE 'UTC', ${ISO_US}), ind.photo_file_id
             FROM payment.goods_entitlement e JOIN payment.goods_distribution d ON d.id = e.distribution_id JOIN payment.cycle c ON c.id = e.cycle_id
             JOIN payment.goods_item i ON i.id = e.item_id LEFT JOIN registry.individual ind ON ind.id = e.recipient_id
             WHERE e.payment_point_id = ANY($1::uuid[]) AND d.status IN ('IN_PAYMENT', 'RECONCILED')
               AND e.status = ANY($7::text[])
               AND ($2::text[] IS NULL OR e.area_path LIKE ANY($2::text[]))
               AND ($3::timestamptz IS NULL OR e.updated_at > $3::timestamptz)
               AND ($4::timestamptz IS NULL OR (e.updated_at, e.id) > ($4::timestamptz, $5::uuid))
           ) x ORDER BY x.updated_at, x.id LIMIT $6`,
          [pointIds, scope, query.since ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1, statuses],
        )) as (AgentLine & { updated_at: Date; photo_file_id: string | null })[])
      : [];
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const photos = inline ? await this.inlinePhotos(page.map((r) => r.photo_file_id).filter((id): id is string => !!id)) : new Map<string, { contentType: string; base64: string }>();
    // timestamps travel as text with microseconds: a JavaScript Date would round them and break the keyset
    const items: AgentLine[] = page.map(({ updated_at: _updated, photo_file_id, ...row }) => ({
      ...row,
      ...(query.photos === 'none' ? {} : inline ? { photo: photo_file_id ? (photos.get(photo_file_id) ?? null) : null } : { photoUrl: photo_file_id && row.recipientId ? `/api/payment/agent/photos/${row.recipientId}` : null }),
    }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: more && last ? Buffer.from(`${last.updatedAt}|${last.id}`).toString('base64url') : null,
      // the next download passes this as `since`; rows are upserted by id on the device, so an overlap is harmless
      watermark: last ? last.updatedAt : (query.since ?? null),
      serverTime: now,
    };
  }

  private async inlinePhotos(fileIds: string[]): Promise<Map<string, { contentType: string; base64: string }>> {
    if (!fileIds.length) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, content_type, content FROM registry.stored_file WHERE id = ANY($1::uuid[]) AND kind = 'PHOTO'`, [[...new Set(fileIds)]])) as { id: string; content_type: string; content: Buffer }[];
    return new Map(rows.map((r) => [r.id, { contentType: r.content_type, base64: r.content.toString('base64') }]));
  }

  /** The photo of a recipient of a line or entitlement at one of the agent's points; null otherwise. */
  async recipientPhoto(individualId: string): Promise<{ contentType: string; content: Buffer } | null> {
    const pointIds = await this.pointIds();
    if (!pointIds.length) return null;
    const [row] = (await this.dataSource.query(
      `SELECT f.content_type, f.content FROM registry.individual i JOIN registry.stored_file f ON f.id = i.photo_file_id
       WHERE i.id = $1 AND (
         EXISTS (SELECT 1 FROM payment.payroll_line l JOIN payment.payroll p ON p.id = l.payroll_id WHERE l.recipient_id = i.id AND l.payment_point_id = ANY($2::uuid[]) AND p.status IN ('IN_PAYMENT', 'RECONCILED'))
         OR EXISTS (SELECT 1 FROM payment.goods_entitlement e JOIN payment.goods_distribution d ON d.id = e.distribution_id WHERE e.recipient_id = i.id AND e.payment_point_id = ANY($2::uuid[]) AND d.status IN ('IN_PAYMENT', 'RECONCILED')))`,
      [individualId, pointIds],
    )) as { content_type: string; content: Buffer }[];
    return row ? { contentType: row.content_type, content: row.content } : null;
  }
}
