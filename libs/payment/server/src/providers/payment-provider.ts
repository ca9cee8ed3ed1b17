/**
 * The contract between the payroll side of the payment module (cycles, payrolls, lines, submission queue,
 * reconciliation) and the providers that move the money (offline cash, MTN MoMo, M-Pesa B2C, Payment Hub EE).
 *
 * Rules every adapter keeps, because "never pay twice" rests on them:
 * - `idempotencyKey` is stable for a line across every retry (the line's id); an adapter sends it to the provider
 *   in the provider's own idempotency field (MoMo `X-Reference-Id`, M-Pesa `OriginatorConversationID`, PH-EE
 *   `X-CorrelationID` + per-transaction request id) so a resubmission after a timeout is recognised by the provider.
 * - A timeout or an ambiguous answer is `UNKNOWN`, never `FAILED`: the line stays SUBMITTED and is settled by
 *   `fetchStatus` or a callback. Only a definite refusal from the provider is `FAILED`.
 * - Amounts are integer minor units as decimal strings (no floating point anywhere).
 */

/** Decrypted configuration of one provider account (what `SecretVault` opened), given to every adapter call. */
export interface ProviderConfig {
  accountId: string;
  kind: ProviderKind;
  baseUrl: string;
  currency: string;
  /** Provider credentials (API user/key, subscription key, consumer key/secret, tenant...), never logged. */
  credentials: Record<string, string>;
  /** Where the provider must send its callbacks for this account (`/api/payment/callbacks/<accountCode>`). */
  callbackUrl: string;
  /** Shared secret or key used to authenticate callbacks (HMAC or token, per provider). */
  callbackSecret: string;
  /** Milliseconds before a provider call counts as timed out (result UNKNOWN). */
  timeoutMs: number;
}

export type ProviderKind = 'offline-cash' | 'mtn-momo' | 'mpesa-b2c' | 'ph-ee';

/** The account id results of cash payments at payment points are applied under (payrolls without a provider account). */
export const OFFLINE_CASH_ACCOUNT = 'offline-cash';

export interface PayoutItem {
  /** Stable per payroll line: the line id. */
  idempotencyKey: string;
  amountMinor: string;
  currency: string;
  payeeName: string;
  /** E.164 phone for mobile money. */
  msisdn?: string;
  accountNumber?: string;
  note?: string;
}

export type PayoutStatus = 'PENDING' | 'PAID' | 'FAILED' | 'UNKNOWN';

export interface PayoutResult {
  idempotencyKey: string;
  status: PayoutStatus;
  /** The provider's own id for the transfer, when it gave one (MoMo reference, M-Pesa ConversationID, PH-EE transfer id). */
  providerReference?: string;
  /** Receipt / transaction id once paid (M-Pesa TransactionReceipt, MoMo financialTransactionId). */
  receipt?: string;
  /** Amount the provider says it paid, in minor units, when it says (its own text when it could not be read). */
  paidAmountMinor?: string;
  /** Currency of that amount, when the provider says: one other than the line's is an exception, never a payment. */
  paidCurrency?: string;
  /** Provider's reason code/text on failure. */
  reason?: string;
}

export interface PayeeCheck {
  ok: boolean;
  name?: string;
  reason?: string;
}

export interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received (signatures are computed on it). */
  rawBody: Buffer;
  query: Record<string, string | undefined>;
}

export class CallbackRejected extends Error {
  constructor(readonly reason: 'signature' | 'malformed' | 'unknown-account') {
    super(`callback rejected: ${reason}`);
  }
}

export interface PaymentProviderAdapter {
  readonly kind: ProviderKind;
  /** At most this many items per `submit` call. */
  readonly maxBatchSize: number;
  verifyPayee?(config: ProviderConfig, item: PayoutItem): Promise<PayeeCheck>;
  /** Submits a batch; one result per item, in any order; never throws for a per-item problem. */
  submit(config: ProviderConfig, items: PayoutItem[]): Promise<PayoutResult[]>;
  /** Current status of items submitted earlier (by idempotency key, with the provider reference when known). */
  fetchStatus(config: ProviderConfig, items: { idempotencyKey: string; providerReference?: string }[]): Promise<PayoutResult[]>;
  /** Authenticates and parses a callback; throws `CallbackRejected` when it is not genuine or not readable. */
  parseCallback(config: ProviderConfig, request: CallbackRequest): Promise<PayoutResult[]>;
}
