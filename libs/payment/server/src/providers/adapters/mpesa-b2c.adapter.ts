import {
  CallbackRejected,
  type CallbackRequest,
  type PaymentProviderAdapter,
  type PayoutItem,
  type PayoutResult,
  type ProviderConfig,
} from '../payment-provider';
import { basicAuth, mapLimit, PER_ITEM_CONCURRENCY, parseJsonBody, providerCall, requireCallbackToken, tokenCallbackUrl } from './provider-http';
import { TokenCache } from './token-cache';

/** Error codes M-Pesa answers when the request was refused before any money moved. */
const DEFINITE_REFUSALS = new Set(['400.002.02', '400.002.03', '400.003.01', '401.002.01', '404.001.03']);
/** M-Pesa refuses a reused OriginatorConversationID: the earlier request was received, its result comes by callback. */
const DUPLICATE_ORIGINATOR = '400.002.05';

/**
 * Safaricom M-Pesa (Daraja) B2C.
 * - `GET /oauth/v1/generate?grant_type=client_credentials` (Basic consumerKey:consumerSecret) gives a bearer token.
 * - `POST /mpesa/b2c/v3/paymentrequest` with `OriginatorConversationID` = the line id, `ResultURL` and
 *   `QueueTimeOutURL`; `ResponseCode` "0" means accepted (PENDING); the outcome comes to `ResultURL` as
 *   `Result { ResultCode, OriginatorConversationID, ConversationID, TransactionID, ResultParameters }` with
 *   `TransactionReceipt` and `TransactionAmount` when paid.
 * - Status: `POST /mpesa/transactionstatus/v1/query` (`OriginalConversationID`); the answer, too, comes to
 *   `ResultURL` (ResultParameters `ReceiptNo`, `TransactionStatus`, `Amount`, with the line id in `Occasion`).
 * - M-Pesa signs no callback: the result URLs carry a secret token we issue.
 * Credentials: `consumerKey`, `consumerSecret`, `initiatorName`, `securityCredential`, `shortCode`, `commandId`
 * (BusinessPayment by default). M-Pesa pays whole shillings: an amount with cents is refused here.
 */
export class MpesaB2cAdapter implements PaymentProviderAdapter {
  readonly kind = 'mpesa-b2c' as const;
  readonly maxBatchSize = 100;
  private readonly tokens = new TokenCache();

  async submit(config: ProviderConfig, items: PayoutItem[]): Promise<PayoutResult[]> {
    const token = await this.token(config);
    return mapLimit(items, PER_ITEM_CONCURRENCY, (item) => (token ? this.pay(config, token, item) : Promise.resolve(unknown(item.idempotencyKey, 'TOKEN_UNAVAILABLE'))));
  }

  /** Asks M-Pesa for each transfer's status; the answers arrive as callbacks, so every item stays as it is (UNKNOWN/PENDING). */
  async fetchStatus(config: ProviderConfig, items: { idempotencyKey: string; providerReference?: string }[]): Promise<PayoutResult[]> {
    const token = await this.token(config);
    const results: PayoutResult[] = [];
    for (const item of items) {
      if (!token) {
        results.push(unknown(item.idempotencyKey, 'TOKEN_UNAVAILABLE', item.providerReference));
        continue;
      }
      const response = await providerCall(
        `${base(config)}/mpesa/transactionstatus/v1/query`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            Initiator: config.credentials['initiatorName'] ?? '',
            SecurityCredential: config.credentials['securityCredential'] ?? '',
            CommandID: 'TransactionStatusQuery',
            OriginalConversationID: item.idempotencyKey,
            PartyA: config.credentials['shortCode'] ?? '',
            IdentifierType: '4',
            ResultURL: tokenCallbackUrl(config.callbackUrl, config.callbackSecret),
            QueueTimeOutURL: tokenCallbackUrl(config.callbackUrl, config.callbackSecret),
            Remarks: 'status',
            Occasion: item.idempotencyKey,
          }),
        },
        config.timeoutMs,
      );
      if (response.kind === 'answer' && response.status === 404) results.push(unknown(item.idempotencyKey, 'NOT_FOUND', item.providerReference));
      else results.push(unknown(item.idempotencyKey, response.kind === 'answer' && response.status === 200 ? 'STATUS_REQUESTED' : 'STATUS_UNAVAILABLE', item.providerReference));
    }
    return results;
  }

  async parseCallback(config: ProviderConfig, request: CallbackRequest): Promise<PayoutResult[]> {
    requireCallbackToken(config.callbackSecret, request);
    const result = (parseJsonBody(request) as { Result?: MpesaResult } | null)?.Result;
    if (!result || typeof result !== 'object' || result.ResultCode === undefined) throw new CallbackRejected('malformed');
    const parameters = new Map<string, unknown>((result.ResultParameters?.ResultParameter ?? []).map((p) => [p.Key, p.Value]));
    const references = new Map<string, unknown>(asArray(result.ReferenceData?.ReferenceItem).map((p) => [p.Key, p.Value]));
    const code = String(result.ResultCode);
    // a transaction status answer: which line is in Occasion, the outcome in TransactionStatus
    if (parameters.has('TransactionStatus') || parameters.has('ReceiptNo')) {
      const key = stringValue(references.get('Occasion')) ?? stringValue(parameters.get('OriginatorConversationID'));
      if (!key) throw new CallbackRejected('malformed');
      if (code !== '0') return [unknown(key, `STATUS_${code}`)];
      const status = String(parameters.get('TransactionStatus') ?? '');
      if (status === 'Completed') {
        return [{ idempotencyKey: key, status: 'PAID', providerReference: stringValue(parameters.get('ConversationID')), receipt: stringValue(parameters.get('ReceiptNo')), paidAmountMinor: shillingsToMinor(parameters.get('Amount')) }];
      }
      if (status === 'Failed' || status === 'Cancelled' || status === 'Reversed') return [{ idempotencyKey: key, status: 'FAILED', reason: status }];
      return [{ idempotencyKey: key, status: 'PENDING' }];
    }
    const key = stringValue(result.OriginatorConversationID);
    if (!key) throw new CallbackRejected('malformed');
    const reference = stringValue(result.ConversationID);
    if (code === '0') {
      return [{
        idempotencyKey: key,
        status: 'PAID',
        providerReference: reference,
        receipt: stringValue(parameters.get('TransactionReceipt')) ?? stringValue(result.TransactionID),
        paidAmountMinor: shillingsToMinor(parameters.get('TransactionAmount')),
      }];
    }
    // the request timed out in M-Pesa's queue: not known to be paid or not, a status query settles it
    if (result.ResultType === 1 || /timeout/i.test(String(result.ResultDesc ?? ''))) return [unknown(key, `QUEUE_TIMEOUT_${code}`, reference)];
    return [{ idempotencyKey: key, status: 'FAILED', providerReference: reference, reason: `${code} ${String(result.ResultDesc ?? '')}`.trim() }];
  }

  private async pay(config: ProviderConfig, token: string, item: PayoutItem): Promise<PayoutResult> {
    const key = item.idempotencyKey;
    if (!/^\d+00$/.test(item.amountMinor)) return { idempotencyKey: key, status: 'FAILED', reason: 'AMOUNT_NOT_WHOLE_SHILLINGS' };
    const msisdn = (item.msisdn ?? '').replace(/^\+/, '');
    if (!/^\d{9,15}$/.test(msisdn)) return { idempotencyKey: key, status: 'FAILED', reason: 'INVALID_MSISDN' };
    const url = tokenCallbackUrl(config.callbackUrl, config.callbackSecret);
    const response = await providerCall(
      `${base(config)}/mpesa/b2c/v3/paymentrequest`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          OriginatorConversationID: key,
          InitiatorName: config.credentials['initiatorName'] ?? '',
          SecurityCredential: config.credentials['securityCredential'] ?? '',
          CommandID: config.credentials['commandId'] || 'BusinessPayment',
          Amount: item.amountMinor.slice(0, -2).replace(/^0+(?=\d)/, ''),
          PartyA: config.credentials['shortCode'] ?? '',
          PartyB: msisdn,
          Remarks: (item.note || 'payment').slice(0, 100),
          QueueTimeOutURL: url,
          ResultURL: url,
          Occasion: key,
        }),
      },
      config.timeoutMs,
    );
    if (response.kind !== 'answer') return unknown(key, response.kind === 'timeout' ? 'TIMEOUT' : 'UNREACHABLE');
    const body = (response.body ?? {}) as { ConversationID?: string; ResponseCode?: string; errorCode?: string; errorMessage?: string };
    if (response.status === 200 && String(body.ResponseCode) === '0') return { idempotencyKey: key, status: 'PENDING', providerReference: body.ConversationID };
    if (body.errorCode === DUPLICATE_ORIGINATOR) return { idempotencyKey: key, status: 'PENDING', reason: 'ALREADY_RECEIVED' };
    if (response.status === 401) this.tokens.forget(config.accountId);
    if (body.errorCode && DEFINITE_REFUSALS.has(body.errorCode)) return { idempotencyKey: key, status: 'FAILED', reason: `${body.errorCode} ${body.errorMessage ?? ''}`.trim() };
    if (response.status === 200 && body.ResponseCode !== undefined) return { idempotencyKey: key, status: 'FAILED', reason: `RESPONSE_${body.ResponseCode}` };
    return unknown(key, body.errorCode ?? `HTTP_${response.status}`);
  }

  private token(config: ProviderConfig): Promise<string | undefined> {
    return this.tokens.get(config.accountId, async () => {
      const response = await providerCall(
        `${base(config)}/oauth/v1/generate?grant_type=client_credentials`,
        { method: 'GET', headers: { Authorization: basicAuth(config.credentials['consumerKey'] ?? '', config.credentials['consumerSecret'] ?? '') } },
        config.timeoutMs,
      );
      if (response.kind !== 'answer' || response.status !== 200) return undefined;
      const body = response.body as { access_token?: string; expires_in?: string | number };
      return body?.access_token ? { token: body.access_token, expiresInSeconds: Number(body.expires_in ?? 3599) } : undefined;
    });
  }
}

interface MpesaResult {
  ResultType?: number;
  ResultCode?: number | string;
  ResultDesc?: string;
  OriginatorConversationID?: string;
  ConversationID?: string;
  TransactionID?: string;
  ResultParameters?: { ResultParameter?: { Key: string; Value: unknown }[] };
  ReferenceData?: { ReferenceItem?: { Key: string; Value: unknown } | { Key: string; Value: unknown }[] };
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;
}

/** M-Pesa amounts are shillings (numbers, sometimes "10.00"): to cents, exactly. */
function shillingsToMinor(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'number' ? value.toFixed(2) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  // an amount that cannot be read stays as text: an AMOUNT_MISMATCH exception, never a payment at the planned amount
  if (!match) return `unreadable ${JSON.stringify(value) ?? String(value)}`.slice(0, 100);
  return `${match[1]}${(match[2] ?? '').padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
}

function unknown(key: string, reason: string, providerReference?: string): PayoutResult {
  return { idempotencyKey: key, status: 'UNKNOWN', reason, providerReference };
}

function base(config: ProviderConfig): string {
  return config.baseUrl.replace(/\/+$/, '');
}
