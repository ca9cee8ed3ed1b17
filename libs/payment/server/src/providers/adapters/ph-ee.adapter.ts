import { createHash } from 'node:crypto';
import {
  CallbackRejected,
  type CallbackRequest,
  type PaymentProviderAdapter,
  type PayoutItem,
  type PayoutResult,
  type ProviderConfig,
} from '../payment-provider';
import { currencyDecimals, header, hmacSha256, minorToMajor, paidAmountOf, parseJsonBody, providerCall, safeEqual } from './provider-http';

/**
 * GovStack Payments building block, bulk disbursement as Payment Hub EE's bulk processor serves it.
 * - `POST /batchtransactions?type=CSV` with the CSV batch as body and the headers `Platform-TenantId`,
 *   `X-CorrelationID` (derived from the batch's line ids: resending the same lines resends the same id, and the
 *   hub answers with the batch it already has), `X-CallbackURL`, `Purpose`, `filename`; each row's `request_id`
 *   is the line id, which the hub never pays twice. 202 Accepted with the batch id (PollingPath).
 * - `GET /batch?batchId=` (or `requestId=` = the correlation id) for the summary, `GET /batch/detail?...` for the
 *   per-transaction statuses (COMPLETED, FAILED, IN_PROGRESS...).
 * - Callbacks: the hub posts the batch's transactions to the callback URL, signed with HMAC-SHA256 of the raw
 *   body with the account's callback secret, base64, in `X-Signature`.
 * Credentials: `tenant`, `paymentMode` (e.g. "mojaloop", "gsma"), optional `payerIdentifierType`/`payerIdentifier`,
 * `programId`.
 */
export class PhEeAdapter implements PaymentProviderAdapter {
  readonly kind = 'ph-ee' as const;
  readonly maxBatchSize = 1000;

  async submit(config: ProviderConfig, items: PayoutItem[]): Promise<PayoutResult[]> {
    if (items.length === 0) return [];
    const correlationId = phEeCorrelationId(items.map((item) => item.idempotencyKey));
    const results: PayoutResult[] = [];
    const sendable: PayoutItem[] = [];
    for (const item of items) {
      const payee = item.msisdn ? ['MSISDN', item.msisdn.replace(/^\+/, '')] : item.accountNumber ? ['ACCOUNTID', item.accountNumber] : undefined;
      if (!payee) results.push({ idempotencyKey: item.idempotencyKey, status: 'FAILED', reason: 'NO_PAYEE_IDENTIFIER' });
      else sendable.push(item);
    }
    if (sendable.length === 0) return results;
    const rows = ['id,request_id,payment_mode,payer_identifier_type,payer_identifier,payee_identifier_type,payee_identifier,amount,currency,note'];
    sendable.forEach((item, index) => {
      const payee = item.msisdn ? ['MSISDN', item.msisdn.replace(/^\+/, '')] : ['ACCOUNTID', item.accountNumber ?? ''];
      rows.push([
        String(index),
        item.idempotencyKey,
        config.credentials['paymentMode'] || 'mojaloop',
        config.credentials['payerIdentifierType'] || 'MSISDN',
        config.credentials['payerIdentifier'] || '',
        payee[0],
        payee[1],
        minorToMajor(item.amountMinor, currencyDecimals(item.currency)),
        item.currency,
        item.note ?? '',
      ].map(csvField).join(','));
    });
    const response = await providerCall(
      `${base(config)}/batchtransactions?type=CSV`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'text/csv',
          'Platform-TenantId': config.credentials['tenant'] ?? '',
          'X-CorrelationID': correlationId,
          'X-CallbackURL': config.callbackUrl,
          Purpose: 'social protection payment',
          filename: `${correlationId}.csv`,
          ...(config.credentials['programId'] ? { 'X-Program-ID': config.credentials['programId'] } : {}),
        },
        body: `${rows.join('\n')}\n`,
      },
      config.timeoutMs,
    );
    const reason = response.kind === 'answer' ? `HTTP_${response.status}` : response.kind === 'timeout' ? 'TIMEOUT' : 'UNREACHABLE';
    const accepted = response.kind === 'answer' && (response.status === 202 || response.status === 200 || response.status === 409);
    const refused = response.kind === 'answer' && response.status >= 400 && response.status < 500 && response.status !== 409 && response.status !== 408 && response.status !== 429;
    for (const item of sendable) {
      // the correlation id is the reference: status queries find the batch by it even when its answer was lost
      if (accepted) results.push({ idempotencyKey: item.idempotencyKey, status: 'PENDING', providerReference: correlationId });
      else if (refused) results.push({ idempotencyKey: item.idempotencyKey, status: 'FAILED', providerReference: correlationId, reason });
      else results.push({ idempotencyKey: item.idempotencyKey, status: 'UNKNOWN', providerReference: correlationId, reason });
    }
    return results;
  }

  async fetchStatus(config: ProviderConfig, items: { idempotencyKey: string; providerReference?: string }[]): Promise<PayoutResult[]> {
    const byBatch = new Map<string, string[]>();
    for (const item of items) {
      const reference = item.providerReference ?? '';
      byBatch.set(reference, [...(byBatch.get(reference) ?? []), item.idempotencyKey]);
    }
    const results: PayoutResult[] = [];
    for (const [reference, keys] of byBatch) {
      if (!reference) {
        for (const key of keys) results.push({ idempotencyKey: key, status: 'UNKNOWN', reason: 'NO_REFERENCE' });
        continue;
      }
      const found = new Map<string, PayoutResult>();
      let failure: string | undefined;
      for (let page = 1; page <= 1000; page++) {
        const response = await providerCall(
          `${base(config)}/batch/detail?requestId=${encodeURIComponent(reference)}&pageNo=${page}&pageSize=500`,
          { method: 'GET', headers: { 'Platform-TenantId': config.credentials['tenant'] ?? '' } },
          config.timeoutMs,
        );
        if (response.kind !== 'answer') failure = response.kind === 'timeout' ? 'TIMEOUT' : 'UNREACHABLE';
        else if (response.status === 404) failure = 'NOT_FOUND';
        else if (response.status !== 200) failure = `HTTP_${response.status}`;
        if (failure) break;
        const body = (response as { body: { content?: PhEeTransaction[]; totalPages?: number } }).body ?? {};
        for (const transaction of body.content ?? []) {
          const result = fromTransaction(transaction, reference, config.currency);
          if (result) found.set(result.idempotencyKey, result);
        }
        if (!body.totalPages || page >= body.totalPages) break;
      }
      for (const key of keys) results.push(found.get(key) ?? { idempotencyKey: key, status: 'UNKNOWN', providerReference: reference, reason: failure ?? 'NOT_IN_BATCH' });
    }
    return results;
  }

  async parseCallback(config: ProviderConfig, request: CallbackRequest): Promise<PayoutResult[]> {
    const signature = header(request, 'x-signature') ?? '';
    const expected = hmacSha256(config.callbackSecret, request.rawBody, 'base64');
    if (!config.callbackSecret || !signature || !safeEqual(signature, expected)) throw new CallbackRejected('signature');
    const body = parseJsonBody(request) as { clientCorrelationId?: string; transactions?: PhEeTransaction[] } | null;
    if (!body || !Array.isArray(body.transactions)) throw new CallbackRejected('malformed');
    const results: PayoutResult[] = [];
    for (const transaction of body.transactions) {
      const result = fromTransaction(transaction, body.clientCorrelationId, config.currency);
      if (!result) throw new CallbackRejected('malformed');
      results.push(result);
    }
    return results;
  }
}

interface PhEeTransaction {
  requestId?: string;
  request_id?: string;
  status?: string;
  amount?: string | number;
  currency?: string;
  transactionId?: string;
  errorCode?: string;
  errorDescription?: string;
}

function fromTransaction(transaction: PhEeTransaction, reference: string | undefined, currency: string): PayoutResult | undefined {
  const key = transaction?.requestId ?? transaction?.request_id;
  if (typeof key !== 'string' || !key) return undefined;
  const status = String(transaction.status ?? '').toUpperCase();
  if (status === 'COMPLETED' || status === 'SUCCESS' || status === 'SUCCESSFUL') {
    return {
      idempotencyKey: key,
      status: 'PAID',
      providerReference: reference,
      receipt: transaction.transactionId,
      paidAmountMinor: paidAmountOf(transaction.amount, currencyDecimals(transaction.currency ?? currency)),
      paidCurrency: typeof transaction.currency === 'string' ? transaction.currency : undefined,
    };
  }
  if (status === 'FAILED' || status === 'REJECTED') return { idempotencyKey: key, status: 'FAILED', providerReference: reference, reason: transaction.errorCode ?? transaction.errorDescription ?? status };
  if (['IN_PROGRESS', 'PENDING', 'QUEUED', 'RECEIVED', 'ONGOING'].includes(status)) return { idempotencyKey: key, status: 'PENDING', providerReference: reference };
  return undefined;
}

/** One correlation id per set of lines, whatever their order: a resend of the same batch is the same batch. */
export function phEeCorrelationId(keys: string[]): string {
  const hex = createHash('sha256').update([...keys].sort().join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function base(config: ProviderConfig): string {
  return config.baseUrl.replace(/\/+$/, '');
}
