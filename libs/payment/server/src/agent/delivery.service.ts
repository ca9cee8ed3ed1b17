import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { areaScopePatterns, AuditService, detectFileSignature, MEDIA_TYPE_OF, RequestContext, SIGNATURE_BYTES, Translator } from '@coremis/core';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { LineStatus, PayrollStatus } from '../payment-vocabulary';
import { OFFLINE_CASH_ACCOUNT } from '../providers/payment-provider';
import { PaymentResultsService } from '../submission/payment-results.service';

export const MAX_PHOTO_BYTES = 512 * 1024;
/** How far ahead of the server's clock a delivery time may be: a device's clock running a little fast. */
export const DELIVERY_CLOCK_SKEW_MS = 10 * 60_000;
/** How long before its line was sent to the payment point a delivery may say it happened (device clocks, time zones). */
export const DELIVERY_PAST_TOLERANCE_MS = 24 * 3_600_000;
const PHOTO_SIGNATURES = new Set(['JPEG', 'PNG', 'WEBP']);

export type DeliveryKind = 'CASH' | 'GOODS';
export type DeliveryConflict = 'ALREADY_PAID' | 'CANCELLED' | 'NOT_ASSIGNED' | 'NOT_PAYABLE' | 'OUT_OF_STOCK' | 'AMOUNT_MISMATCH' | 'CLIENT_ID_REUSED' | 'INVALID_PHOTO' | 'DELIVERED_IN_FUTURE' | 'DELIVERED_BEFORE_SUBMISSION';

export interface DeliveryRequest {
  clientId: string;
  kind: DeliveryKind;
  /** The payroll line (CASH) or the goods entitlement (GOODS). */
  targetId: string;
  /** CASH: the amount handed over, minor units; it must be the line's. */
  amountMinor?: string | null;
  deliveredAt: Date;
  latitude?: number | null;
  longitude?: number | null;
  receiptNumber?: string | null;
  photoBase64?: string | null;
}

export interface DeliveryOutcome {
  clientId: string;
  status: 'ACCEPTED' | 'DUPLICATE' | 'CONFLICT';
  code: DeliveryConflict | null;
  message: string | null;
}

export interface DeliveryOptions {
  source: 'AGENT_API' | 'WEB';
  /** The points the caller works at (agents); null: any point in the caller's areas. */
  pointIds: string[] | null;
}

class Refused extends Error {
  constructor(readonly code: DeliveryConflict) {
    super(code);
  }
}

/**
 * Records deliveries with their evidence, cash or goods, one transaction each. The id is the client's: the same
 * delivery sent again is a DUPLICATE (nothing changes), the same id for something else is refused. Cash goes through
 * `PaymentResultsService` (the line transitions the providers use); goods take the stock down in the same
 * statement that checks it, so stock never goes below zero. A line or entitlement is delivered once: the row lock,
 * the state check and a unique index on the delivery table all say so.
 */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly results: PaymentResultsService,
    private readonly audit: AuditService,
    private readonly translator: Translator,
  ) {}

  async deliver(request: DeliveryRequest, options: DeliveryOptions): Promise<DeliveryOutcome> {
    const requestHash = createHash('sha256').update(JSON.stringify([request.kind, request.targetId.toLowerCase(), request.amountMinor ?? null])).digest('hex');
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction((em) => this.deliverIn(em, request, requestHash, options));
      } catch (error) {
        if (error instanceof Refused) return this.outcome(request.clientId, 'CONFLICT', error.code);
        // a concurrent upload of the same delivery (same client id or same line) won the race: answer as a replay
        if (attempt === 0 && error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505') continue;
        throw error;
      }
    }
  }

  private async deliverIn(em: EntityManager, request: DeliveryRequest, requestHash: string, options: DeliveryOptions): Promise<DeliveryOutcome> {
    const [existing] = (await em.query(`SELECT request_sha256 FROM payment.delivery WHERE id = $1`, [request.clientId])) as { request_sha256: string }[];
    if (existing) {
      if (existing.request_sha256 !== requestHash) throw new Refused('CLIENT_ID_REUSED');
      return this.outcome(request.clientId, 'DUPLICATE', null);
    }
    if (request.deliveredAt.getTime() > Date.now() + DELIVERY_CLOCK_SKEW_MS) throw new Refused('DELIVERED_IN_FUTURE');
    const photo = request.photoBase64 ? decodePhoto(request.photoBase64) : null;
    if (photo === false) throw new Refused('INVALID_PHOTO');
    const scope = areaScopePatterns();
    const userId = RequestContext.actor()?.userId ?? null;
    let target: { pointId: string; areaPath: string; amount: string | null; quantity: number | null };
    if (request.kind === 'GOODS') target = await this.deliverGoods(em, request, scope, options, userId);
    else target = await this.deliverCash(em, request, scope, options);
    await em.query(
      `INSERT INTO payment.delivery (id, kind, payroll_line_id, entitlement_id, payment_point_id, area_path, amount_minor, quantity, delivered_at,
         latitude, longitude, receipt_number, photo, photo_type, photo_sha256, request_sha256, source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        request.clientId, request.kind, request.kind === 'CASH' ? request.targetId : null, request.kind === 'GOODS' ? request.targetId : null, target.pointId, target.areaPath,
        target.amount, target.quantity, request.deliveredAt, request.latitude ?? null, request.longitude ?? null, request.receiptNumber?.trim() || null,
        photo ? photo.content : null, photo ? photo.type : null, photo ? createHash('sha256').update(photo.content).digest('hex') : null, requestHash, options.source, userId,
      ],
    );
    await this.audit.record(em, {
      action: 'CREATE',
      entityType: 'PaymentDelivery',
      entityId: request.clientId,
      areaPath: target.areaPath,
      details: { kind: request.kind, targetId: request.targetId, pointId: target.pointId, source: options.source, receiptNumber: request.receiptNumber ?? null, gps: request.latitude != null && request.longitude != null, photo: !!photo },
    });
    return this.outcome(request.clientId, 'ACCEPTED', null);
  }

  private async deliverGoods(em: EntityManager, request: DeliveryRequest, scope: string[] | null, options: DeliveryOptions, userId: string | null) {
    const [e] = (await em.query(
      `SELECT e.id, e.status, e.quantity, e.item_id, e.payment_point_id, e.area_path, e.distribution_id, d.status AS distribution_status
       FROM payment.goods_entitlement e JOIN payment.goods_distribution d ON d.id = e.distribution_id
       WHERE e.id = $1 AND ($2::text[] IS NULL OR e.area_path LIKE ANY($2::text[])) FOR UPDATE OF e`,
      [request.targetId, scope],
    )) as { id: string; status: LineStatus; quantity: number; item_id: string; payment_point_id: string | null; area_path: string; distribution_id: string; distribution_status: PayrollStatus }[];
    if (!e || !e.payment_point_id || (options.pointIds && !options.pointIds.includes(e.payment_point_id))) throw new Refused('NOT_ASSIGNED');
    if (e.status === LineStatus.PAID || e.status === LineStatus.RECONCILED) throw new Refused('ALREADY_PAID');
    if (e.status === LineStatus.CANCELLED) throw new Refused('CANCELLED');
    if (e.status !== LineStatus.SUBMITTED || e.distribution_status !== PayrollStatus.IN_PAYMENT) throw new Refused('NOT_PAYABLE');
    await this.refuseBeforeSubmission(em, e.id, request.deliveredAt);
    const [stock] = (await em.query(
      `WITH u AS (UPDATE payment.goods_stock SET quantity = quantity - $3, updated_at = now() WHERE payment_point_id = $1 AND item_id = $2 AND quantity >= $3 RETURNING quantity) SELECT quantity FROM u`,
      [e.payment_point_id, e.item_id, e.quantity],
    )) as { quantity: number }[];
    if (!stock) throw new Refused('OUT_OF_STOCK');
    await em.query(
      `INSERT INTO payment.goods_stock_movement (payment_point_id, item_id, kind, quantity, balance, reference, entitlement_id, user_id) VALUES ($1, $2, 'DELIVERY', $3, $4, $5, $6, $7)`,
      [e.payment_point_id, e.item_id, -e.quantity, stock.quantity, request.receiptNumber?.trim() || null, e.id, userId],
    );
    await em.query(`UPDATE payment.goods_entitlement SET status = 'PAID', delivered_at = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [e.id, request.deliveredAt]);
    await em.query(
      `INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, reason, source, user_id) VALUES ($1, $2, 'SUBMITTED', 'PAID', $3, $4, $5)`,
      [e.id, e.distribution_id, request.receiptNumber?.trim() || null, `GOODS:${options.source}`, userId],
    );
    return { pointId: e.payment_point_id, areaPath: e.area_path, amount: null, quantity: e.quantity };
  }

  private async deliverCash(em: EntityManager, request: DeliveryRequest, scope: string[] | null, options: DeliveryOptions) {
    const [l] = (await em.query(
      `SELECT l.id, l.status, l.amount_minor::text AS amount_minor, l.payment_point_id, l.area_path, p.status AS payroll_status, p.provider_account_id
       FROM payment.payroll_line l JOIN payment.payroll p ON p.id = l.payroll_id
       WHERE l.id = $1 AND ($2::text[] IS NULL OR l.area_path LIKE ANY($2::text[])) FOR UPDATE OF l`,
      [request.targetId, scope],
    )) as { id: string; status: LineStatus; amount_minor: string; payment_point_id: string | null; area_path: string; payroll_status: PayrollStatus; provider_account_id: string | null }[];
    if (!l || l.provider_account_id || !l.payment_point_id || (options.pointIds && !options.pointIds.includes(l.payment_point_id))) throw new Refused('NOT_ASSIGNED');
    if (l.status === LineStatus.PAID || l.status === LineStatus.RECONCILED) throw new Refused('ALREADY_PAID');
    if (l.status === LineStatus.CANCELLED) throw new Refused('CANCELLED');
    if ((l.status !== LineStatus.SUBMITTED && l.status !== LineStatus.FAILED) || l.payroll_status !== PayrollStatus.IN_PAYMENT) throw new Refused('NOT_PAYABLE');
    if (request.amountMinor == null || BigInt(request.amountMinor) !== BigInt(l.amount_minor)) throw new Refused('AMOUNT_MISMATCH');
    await this.refuseBeforeSubmission(em, l.id, request.deliveredAt);
    const applied = await this.results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: l.id, status: 'PAID', paidAmountMinor: l.amount_minor, receipt: request.receiptNumber?.trim() || undefined }], em);
    if (applied.applied !== 1) throw new Refused('NOT_PAYABLE');
    return { pointId: l.payment_point_id, areaPath: l.area_path, amount: l.amount_minor, quantity: null };
  }

  /**
   * Nothing is handed out before its line was sent to the payment point: a delivery time more than a day before the
   * line's first SUBMITTED transition is a device clock or a typing mistake, refused before anything is written.
   */
  private async refuseBeforeSubmission(em: EntityManager, lineId: string, deliveredAt: Date): Promise<void> {
    const [{ sent }] = (await em.query(`SELECT min(created_at) AS sent FROM payment.line_transition WHERE line_id = $1 AND to_status = 'SUBMITTED'`, [lineId])) as { sent: Date | null }[];
    if (sent && deliveredAt.getTime() < new Date(sent).getTime() - DELIVERY_PAST_TOLERANCE_MS) throw new Refused('DELIVERED_BEFORE_SUBMISSION');
  }

  private outcome(clientId: string, status: DeliveryOutcome['status'], code: DeliveryConflict | null): DeliveryOutcome {
    const message = code ? this.translator.translate(`payment.agent.conflicts.${code}`, this.translator.currentLanguage()) : null;
    return { clientId, status, code, message };
  }
}

/** The photo's bytes and media type, false when it is not a JPEG, PNG or WebP image of at most 512 KB. */
function decodePhoto(base64: string): { content: Buffer; type: string } | false {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  const content = Buffer.from(base64, 'base64');
  if (!content.length || content.length > MAX_PHOTO_BYTES) return false;
  const signature = detectFileSignature(content.subarray(0, SIGNATURE_BYTES), content.length <= SIGNATURE_BYTES);
  const type = PHOTO_SIGNATURES.has(signature) ? MEDIA_TYPE_OF[signature] : undefined;
  return type ? { content, type } : false;
}
