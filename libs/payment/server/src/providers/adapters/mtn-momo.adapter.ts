import { createHash } from 'node:crypto';
import {
  CallbackRejected,
  type CallbackRequest,
  type PayeeCheck,
  type PaymentProviderAdapter,
  type PayoutItem,
  type PayoutResult,
  type ProviderConfig,
} from '../payment-provider';
import { basicAuth, mapLimit, PER_ITEM_CONCURRENCY, currencyDecimals, minorToMajor, paidAmountOf, parseJsonBody, providerCall, requireCallbackToken, tokenCallbackUrl } from './provider-http';
import { TokenCache } from './token-cache';

/** MoMo error codes that a 4xx/500 carries when the transfer was definitely not made. */
const DEFINITE_REFUSALS = new Set([
  'PAYEE_NOT_FOUND',
  'INVALID_CURRENCY',
  'NOT_ALLOWED',
  'NOT_ALLOWED_TARGET_ENVIRONMENT',
  'INVALID_CALLBACK_URL_HOST',
  'PAYER_NOT_FOUND',
  'NOT_ENOUGH_FUNDS',
  'PAYER_LIMIT_REACHED',
  'PAYEE_NOT_ALLOWED_TO_RECEIVE',
]);

/**
 * MTN MoMo Open API, Disbursement product.
 * - `POST /disbursement/token/` (Basic apiUser:apiKey + `Ocp-Apim-Subscription-Key`) gives a bearer token.
 * - `POST /disbursement/v1_0/transfer` with `X-Reference-Id` (a UUID v4, derived from the line id so that every
 *   retry sends the same one: MoMo answers 409 RESOURCE_ALREADY_EXIST to a reused id and never pays it twice),
 *   `X-Target-Environment`, `X-Callback-Url`; 202 Accepted means queued (PENDING).
 * - `GET /disbursement/v1_0/transfer/{referenceId}`: status PENDING | SUCCESSFUL | FAILED with `financialTransactionId`.
 * - Callbacks carry the same transfer object; MoMo signs nothing, so the callback URL carries a secret token we
 *   issue and the transfer's `externalId` (= the line id) says which line it is.
 * Credentials: `apiUser`, `apiKey`, `subscriptionKey`, `targetEnvironment`.
 */
export class MtnMomoAdapter implements PaymentProviderAdapter {
  readonly kind = 'mtn-momo' as const;
  readonly maxBatchSize = 100;
  private readonly tokens = new TokenCache();

  async verifyPayee(config: ProviderConfig, item: PayoutItem): Promise<PayeeCheck> {
    const msisdn = momoMsisdn(item.msisdn);
    if (!msisdn) return { ok: false, reason: 'INVALID_MSISDN' };
    const token = await this.token(config);
    if (!token) return { ok: false, reason: 'PROVIDER_UNAVAILABLE' };
    const active = await providerCall(`${base(config)}/disbursement/v1_0/accountholder/msisdn/${msisdn}/active`, { method: 'GET', headers: this.headers(config, token) }, config.timeoutMs);
    if (active.kind !== 'answer') return { ok: false, reason: 'PROVIDER_UNAVAILABLE' };
    if (active.status !== 200) return { ok: false, reason: errorCode(active.body) ?? `HTTP_${active.status}` };
    if ((active.body as { result?: boolean })?.result !== true) return { ok: false, reason: 'ACCOUNT_INACTIVE' };
    const info = await providerCall(`${base(config)}/disbursement/v1_0/accountholder/msisdn/${msisdn}/basicuserinfo`, { method: 'GET', headers: this.headers(config, token) }, config.timeoutMs);
    const body = info.kind === 'answer' && info.status === 200 ? (info.body as { given_name?: string; family_name?: string; name?: string }) : undefined;
    const name = body?.name ?? ([body?.given_name, body?.family_name].filter(Boolean).join(' ') || undefined);
    return { ok: true, name };
  }

  async submit(config: ProviderConfig, items: PayoutItem[]): Promise<PayoutResult[]> {
    const token = await this.token(config);
    return mapLimit(items, PER_ITEM_CONCURRENCY, (item) => (token ? this.transfer(config, token, item) : Promise.resolve(unknown(item.idempotencyKey, 'TOKEN_UNAVAILABLE'))));
  }

  async fetchStatus(config: ProviderConfig, items: { idempotencyKey: string; providerReference?: string }[]): Promise<PayoutResult[]> {
    const token = await this.token(config);
    return mapLimit(items, PER_ITEM_CONCURRENCY, (item) => (token ? this.status(config, token, item.idempotencyKey) : Promise.resolve(unknown(item.idempotencyKey, 'TOKEN_UNAVAILABLE'))));
  }

  async parseCallback(config: ProviderConfig, request: CallbackRequest): Promise<PayoutResult[]> {
    requireCallbackToken(config.callbackSecret, request);
    const body = parseJsonBody(request) as MomoTransfer | null;
    if (!body || typeof body !== 'object' || typeof body.status !== 'string' || typeof body.externalId !== 'string' || !body.externalId) throw new CallbackRejected('malformed');
    const result = fromTransfer(body.externalId, body, config.currency);
    if (!result) throw new CallbackRejected('malformed');
    return [result];
  }

  private async transfer(config: ProviderConfig, token: string, item: PayoutItem): Promise<PayoutResult> {
    const referenceId = momoReferenceId(item.idempotencyKey);
    const msisdn = momoMsisdn(item.msisdn);
    if (!msisdn) return { idempotencyKey: item.idempotencyKey, status: 'FAILED', reason: 'INVALID_MSISDN' };
    const body = JSON.stringify({
      amount: minorToMajor(item.amountMinor, currencyDecimals(item.currency)),
      currency: item.currency,
      externalId: item.idempotencyKey,
      payee: { partyIdType: 'MSISDN', partyId: msisdn },
      payerMessage: (item.note ?? '').slice(0, 160),
      payeeNote: (item.note ?? '').slice(0, 160),
    });
    const response = await providerCall(
      `${base(config)}/disbursement/v1_0/transfer`,
      {
        method: 'POST',
        headers: {
          ...this.headers(config, token),
          'Content-Type': 'application/json',
          'X-Reference-Id': referenceId,
          'X-Callback-Url': tokenCallbackUrl(config.callbackUrl, config.callbackSecret),
        },
        body,
      },
      config.timeoutMs,
    );
    if (response.kind !== 'answer') return unknown(item.idempotencyKey, response.kind === 'timeout' ? 'TIMEOUT' : 'UNREACHABLE', referenceId);
    if (response.status === 202) return { idempotencyKey: item.idempotencyKey, status: 'PENDING', providerReference: referenceId };
    // an earlier attempt with this reference reached MoMo: what happened to it is what its status says
    if (response.status === 409) return this.status(config, token, item.idempotencyKey);
    if (response.status === 401) this.tokens.forget(config.accountId);
    const code = errorCode(response.body);
    if (response.status === 400 || (code && DEFINITE_REFUSALS.has(code))) {
      return { idempotencyKey: item.idempotencyKey, status: 'FAILED', providerReference: referenceId, reason: code ?? `HTTP_${response.status}` };
    }
    return unknown(item.idempotencyKey, code ?? `HTTP_${response.status}`, referenceId);
  }

  private async status(config: ProviderConfig, token: string, key: string): Promise<PayoutResult> {
    const referenceId = momoReferenceId(key);
    const response = await providerCall(`${base(config)}/disbursement/v1_0/transfer/${referenceId}`, { method: 'GET', headers: this.headers(config, token) }, config.timeoutMs);
    if (response.kind !== 'answer') return unknown(key, response.kind === 'timeout' ? 'TIMEOUT' : 'UNREACHABLE', referenceId);
    // never received: still UNKNOWN, so that the line is submitted again with the same reference
    if (response.status === 404) return unknown(key, 'NOT_FOUND', referenceId);
    if (response.status === 401) this.tokens.forget(config.accountId);
    if (response.status !== 200) return unknown(key, errorCode(response.body) ?? `HTTP_${response.status}`, referenceId);
    return fromTransfer(key, response.body as MomoTransfer, config.currency) ?? unknown(key, 'UNREADABLE_STATUS', referenceId);
  }

  private headers(config: ProviderConfig, token: string): Record<string, string> {
    return {
      Authorization: `Bearer ${token}`,
      'Ocp-Apim-Subscription-Key': config.credentials['subscriptionKey'] ?? '',
      'X-Target-Environment': config.credentials['targetEnvironment'] ?? 'sandbox',
    };
  }

  private token(config: ProviderConfig): Promise<string | undefined> {
    return this.tokens.get(config.accountId, async () => {
      const response = await providerCall(
        `${base(config)}/disbursement/token/`,
        {
          method: 'POST',
          headers: {
            Authorization: basicAuth(config.credentials['apiUser'] ?? '', config.credentials['apiKey'] ?? ''),
            'Ocp-Apim-Subscription-Key': config.credentials['subscriptionKey'] ?? '',
          },
        },
        config.timeoutMs,
      );
      if (response.kind !== 'answer' || response.status !== 200) return undefined;
      const body = response.body as { access_token?: string; expires_in?: number };
      return body?.access_token ? { token: body.access_token, expiresInSeconds: Number(body.expires_in ?? 3600) } : undefined;
    });
  }
}

interface MomoTransfer {
  amount?: string;
  currency?: string;
  externalId?: string;
  financialTransactionId?: string;
  status?: string;
  reason?: string | { code?: string; message?: string };
}

function fromTransfer(key: string, transfer: MomoTransfer, currency: string): PayoutResult | undefined {
  const referenceId = momoReferenceId(key);
  const decimals = currencyDecimals(transfer.currency ?? currency);
  switch (transfer?.status) {
    case 'SUCCESSFUL':
      return {
        idempotencyKey: key,
        status: 'PAID',
        providerReference: referenceId,
        receipt: transfer.financialTransactionId,
        paidAmountMinor: paidAmountOf(transfer.amount, decimals),
        paidCurrency: typeof transfer.currency === 'string' ? transfer.currency : undefined,
      };
    case 'FAILED':
    case 'REJECTED':
    case 'TIMEOUT':
      return { idempotencyKey: key, status: 'FAILED', providerReference: referenceId, reason: reasonText(transfer.reason) ?? transfer.status };
    case 'PENDING':
    case 'CREATED':
      return { idempotencyKey: key, status: 'PENDING', providerReference: referenceId };
    default:
      return undefined;
  }
}

function reasonText(reason: MomoTransfer['reason']): string | undefined {
  if (!reason) return undefined;
  return typeof reason === 'string' ? reason : (reason.code ?? reason.message);
}

function unknown(key: string, reason: string, providerReference?: string): PayoutResult {
  return { idempotencyKey: key, status: 'UNKNOWN', reason, providerReference };
}

function errorCode(body: unknown): string | undefined {
  const value = (body as { code?: unknown } | undefined)?.code;
  return typeof value === 'string' ? value : undefined;
}

function base(config: ProviderConfig): string {
  return config.baseUrl.replace(/\/+$/, '');
}

/** MoMo wants the MSISDN in international form without "+". */
function momoMsisdn(msisdn: string | undefined): string | undefined {
  const digits = (msisdn ?? '').replace(/^\+/, '');
  return /^\d{8,15}$/.test(digits) ? digits : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The `X-Reference-Id` of a line: MoMo requires a UUID version 4. A line id that is a UUID keeps all its bits but
 * the version digit (for our v7 ids that digit is the same 7 everywhere, so distinct lines keep distinct
 * references); any other key is hashed into the v4 layout. Always the same for the same key.
 */
export function momoReferenceId(idempotencyKey: string): string {
  if (UUID.test(idempotencyKey)) {
    const lower = idempotencyKey.toLowerCase();
    return `${lower.slice(0, 14)}4${lower.slice(15)}`;
  }
  const hex = createHash('sha256').update(idempotencyKey).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
