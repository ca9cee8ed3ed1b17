import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CallbackRejected, type CallbackRequest } from '../payment-provider';

/** What came back from a provider call; `kind` separates an answer from a timeout or a connection failure. */
export type ProviderResponse =
  | { kind: 'answer'; status: number; body: unknown; text: string }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; reason: string };

/**
 * One HTTP call to a provider with a hard deadline. Never throws: a timeout and a connection failure are
 * results, because the caller must map them to UNKNOWN (the provider may have acted on a request whose
 * answer we never saw).
 */
export async function providerCall(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<ProviderResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: controller.signal });
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    return { kind: 'answer', status: response.status, body, text };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    const cause = (error as { cause?: { code?: string } }).cause;
    return { kind: 'unreachable', reason: cause?.code ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Constant-time comparison of two strings (different lengths compare unequal without leaking where). */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

export function hmacSha256(secret: string, body: Buffer | string, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHmac('sha256', secret).update(body).digest(encoding);
}

export function header(request: CallbackRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Providers that sign nothing (MoMo, M-Pesa) call back a URL we issue: the account's callback secret travels as
 * the `token` query parameter of the callback URL and is compared in constant time.
 */
export function requireCallbackToken(secret: string, request: CallbackRequest): void {
  const token = request.query.token ?? header(request, 'x-callback-token') ?? '';
  if (!secret || !token || !safeEqual(token, secret)) throw new CallbackRejected('signature');
}

/** The callback URL given to token-authenticated providers: ours, with the secret token appended. */
export function tokenCallbackUrl(callbackUrl: string, secret: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set('token', secret);
  return url.toString();
}

export function parseJsonBody(request: CallbackRequest): unknown {
  try {
    return JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    throw new CallbackRejected('malformed');
  }
}

/** Integer minor units (decimal string) to a major-unit decimal string with `decimals` places, exactly. */
export function minorToMajor(amountMinor: string, decimals: number): string {
  if (!/^\d+$/.test(amountMinor)) throw new Error(`invalid minor amount ${amountMinor}`);
  if (decimals === 0) return amountMinor.replace(/^0+(?=\d)/, '');
  const padded = amountMinor.padStart(decimals + 1, '0');
  return `${padded.slice(0, -decimals).replace(/^0+(?=\d)/, '')}.${padded.slice(-decimals)}`;
}

/** A major-unit amount (number or decimal string from a provider) to integer minor units, exactly; undefined if unreadable. */
export function majorToMinor(amount: unknown, decimals: number): string | undefined {
  const text = typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim() : '';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = (match[2] ?? '').padEnd(decimals, '0');
  if (fraction.length > decimals && /[^0]/.test(fraction.slice(decimals))) return undefined;
  const digits = `${match[1]}${fraction.slice(0, decimals)}`.replace(/^0+(?=\d)/, '');
  return digits;
}

/**
 * The paid amount a provider reported, as the results service reads it: minor units, or, when the provider's amount
 * cannot be read (text, negative, an object, more decimals than the currency has), that amount as text, which is no
 * minor-unit number and so makes the line an AMOUNT_MISMATCH exception instead of a payment at its planned amount.
 * Undefined when the provider reported no amount.
 */
export function paidAmountOf(amount: unknown, decimals: number): string | undefined {
  if (amount === undefined || amount === null) return undefined;
  return majorToMinor(amount, decimals) ?? `unreadable ${JSON.stringify(amount) ?? String(amount)}`.slice(0, 100);
}

/** Minor-unit exponent of an ISO 4217 currency (the ones programmes here pay in; 2 otherwise). */
export function currencyDecimals(currency: string): number {
  return ['XOF', 'XAF', 'RWF', 'UGX', 'GNF', 'KMF', 'BIF', 'DJF', 'JPY', 'KRW', 'VND', 'PYG', 'CLP'].includes(currency.toUpperCase()) ? 0 : 2;
}

/** Calls providers without a bulk API with a few requests in flight at once; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(runners);
  return results;
}

/** Requests in flight at once per batch for providers that take one transfer per call (MoMo, M-Pesa). */
export const PER_ITEM_CONCURRENCY = 8;
