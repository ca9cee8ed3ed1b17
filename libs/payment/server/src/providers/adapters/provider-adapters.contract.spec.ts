import { createHmac } from 'node:crypto';
import { MpesaB2cAdapter } from './mpesa-b2c.adapter';
import { momoReferenceId, MtnMomoAdapter } from './mtn-momo.adapter';
import { PhEeAdapter } from './ph-ee.adapter';
import type { PaymentProviderAdapter, PayoutItem, PayoutResult, ProviderConfig, ProviderKind } from '../payment-provider';
import { CallbackReceiver } from '../testing/callback-receiver';
import { FakeMpesaB2cServer } from '../testing/fake-mpesa-b2c.server';
import { FakeMtnMomoServer } from '../testing/fake-mtn-momo.server';
import type { FakeProviderServer } from '../testing/fake-provider-kit';
import { FakePhEeServer } from '../testing/fake-ph-ee.server';

const SECRET = 'callback-secret-0123456789abcdef';

interface Harness {
  kind: ProviderKind;
  currency: string;
  credentials: Record<string, string>;
  makeAdapter(): PaymentProviderAdapter;
  makeFake(): FakeProviderServer;
  /** Status polling settles the line synchronously (MoMo, PH-EE) or through a callback (M-Pesa). */
  statusByCallback: boolean;
  /** A genuine-looking callback body and how to forge its authentication. */
  forge(url: string, body: string, genuine: boolean): Promise<number>;
}

const harnesses: Harness[] = [
  {
    kind: 'mtn-momo',
    currency: 'EUR',
    credentials: { apiUser: 'api-user', apiKey: 'api-key', subscriptionKey: 'sub-key', targetEnvironment: 'sandbox' },
    makeAdapter: () => new MtnMomoAdapter(),
    makeFake: () => new FakeMtnMomoServer({ apiUser: 'api-user', apiKey: 'api-key', subscriptionKey: 'sub-key', targetEnvironment: 'sandbox', currency: 'EUR' }),
    statusByCallback: false,
    forge: (url, body, genuine) => post(`${url}?token=${genuine ? SECRET : 'wrong-token'}`, body, {}, 'PUT'),
  },
  {
    kind: 'mpesa-b2c',
    currency: 'KES',
    credentials: { consumerKey: 'ck', consumerSecret: 'cs', initiatorName: 'initiator', securityCredential: 'sealed-password', shortCode: '600000' },
    makeAdapter: () => new MpesaB2cAdapter(),
    makeFake: () => new FakeMpesaB2cServer({ consumerKey: 'ck', consumerSecret: 'cs', initiatorName: 'initiator', securityCredential: 'sealed-password', shortCode: '600000' }),
    statusByCallback: true,
    forge: (url, body, genuine) => post(`${url}?token=${genuine ? SECRET : SECRET.slice(0, -1) + 'x'}`, body),
  },
  {
    kind: 'ph-ee',
    currency: 'USD',
    credentials: { tenant: 'tn01', paymentMode: 'mojaloop', payerIdentifier: '27710101999' },
    makeAdapter: () => new PhEeAdapter(),
    makeFake: () => new FakePhEeServer({ tenant: 'tn01', callbackSecret: SECRET }),
    statusByCallback: false,
    forge: (url, body, genuine) => post(url, body, { 'X-Signature': createHmac('sha256', genuine ? SECRET : 'not-the-secret').update(body).digest('base64') }),
  },
];

function post(url: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<number> {
  return fetch(url, { method, body, headers: { 'Content-Type': 'application/json', ...headers } }).then(async (r) => (await r.text(), r.status));
}

let counter = 0;
function items(currency: string, count: number): PayoutItem[] {
  return Array.from({ length: count }, () => {
    counter++;
    // line ids are UUID v7 in the database; MoMo turns them into v4 references
    const key = `0192f3a4-5b6c-7d8e-9f00-${String(counter).padStart(12, '0')}`;
    return { idempotencyKey: key, amountMinor: `${1000 + counter}00`, currency, payeeName: `Payee ${counter}`, msisdn: `+2547000${String(counter).padStart(5, '0')}`, note: 'cycle 2026-12' };
  });
}

describe.each(harnesses)('$kind adapter against its fake server', (harness) => {
  let fake: FakeProviderServer;
  let adapter: PaymentProviderAdapter;
  let receiver: CallbackReceiver;
  let config: ProviderConfig;

  beforeEach(async () => {
    fake = harness.makeFake();
    await fake.start();
    adapter = harness.makeAdapter();
    receiver = new CallbackReceiver(adapter, () => config);
    const callbackUrl = await receiver.start();
    config = { accountId: `acc-${harness.kind}-${counter}`, kind: harness.kind, baseUrl: fake.url, currency: harness.currency, credentials: harness.credentials, callbackUrl, callbackSecret: SECRET, timeoutMs: 400 };
  });

  afterEach(async () => {
    await fake.close();
    await receiver.stop();
  });

  const keysOf = (batch: PayoutItem[]) => batch.map((item) => item.idempotencyKey);
  const statuses = (results: PayoutResult[]) => Object.fromEntries(results.map((r) => [r.idempotencyKey, r.status]));
  const everyPaidOnce = (batch: PayoutItem[]) => expect(keysOf(batch).map((key) => fake.paymentsByKey.get(key) ?? 0)).toEqual(batch.map(() => 1));
  const ledger = (batch: PayoutItem[]) => keysOf(batch).map((key) => receiver.ledger.status(key));

  /** Polls the provider and applies what it says (M-Pesa answers by callback). */
  async function poll(batch: PayoutItem[], references: PayoutResult[] = []): Promise<PayoutResult[]> {
    const byKey = new Map(references.map((r) => [r.idempotencyKey, r.providerReference]));
    const results = await adapter.fetchStatus(config, batch.map((item) => ({ idempotencyKey: item.idempotencyKey, providerReference: byKey.get(item.idempotencyKey) })));
    receiver.ledger.apply(results);
    await fake.settled();
    return results;
  }

  it('pays a batch, one result per item, and callbacks settle every line', async () => {
    const batch = items(harness.currency, 3);
    const results = await adapter.submit(config, batch);
    expect(results.map((r) => r.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect(results.every((r) => r.providerReference)).toBe(true);
    receiver.ledger.apply(results);
    await fake.settled();
    expect(ledger(batch)).toEqual(['PAID', 'PAID', 'PAID']);
    const paid = receiver.ledger.lines.get(batch[0].idempotencyKey)!;
    expect(paid.receipt).toBeTruthy();
    expect(paid.paidAmountMinor).toBe(batch[0].amountMinor);
    everyPaidOnce(batch);
  });

  it('a definite refusal by the provider is FAILED and pays nothing', async () => {
    fake.setModes({ outcome: () => 'FAILED' });
    const batch = items(harness.currency, 2);
    receiver.ledger.apply(await adapter.submit(config, batch));
    await fake.settled();
    expect(ledger(batch)).toEqual(['FAILED', 'FAILED']);
    expect(fake.transferCount).toBe(0);
  });

  it('a timeout is UNKNOWN, never FAILED, and a retry with the same keys does not pay twice', async () => {
    fake.setModes({ slowSubmitMs: 1500, withholdCallbacks: true });
    const batch = items(harness.currency, 2);
    const first = await adapter.submit(config, batch);
    expect(Object.values(statuses(first))).toEqual(['UNKNOWN', 'UNKNOWN']);
    expect(first.every((r) => r.reason === 'TIMEOUT' || r.reason === 'TOKEN_UNAVAILABLE')).toBe(true);
    fake.setModes({ slowSubmitMs: 0, withholdCallbacks: false });
    await fake.settled();
    const retry = await adapter.submit(config, batch);
    expect(retry.map((r) => r.status).every((s) => s === 'PENDING' || s === 'PAID')).toBe(true);
    receiver.ledger.apply(retry);
    await fake.settled();
    await poll(batch, retry);
    expect(ledger(batch)).toEqual(['PAID', 'PAID']);
    everyPaidOnce(batch);
  });

  it('the same submit sent twice at once moves the money once', async () => {
    const batch = items(harness.currency, 2);
    const [a, b] = await Promise.all([adapter.submit(config, batch), adapter.submit(config, batch)]);
    for (const result of [...a, ...b]) expect(['PENDING', 'PAID']).toContain(result.status);
    receiver.ledger.apply([...a, ...b]);
    await fake.settled();
    await poll(batch, a);
    expect(ledger(batch)).toEqual(['PAID', 'PAID']);
    everyPaidOnce(batch);
  });

  it('a callback that arrives before the submit answer is not undone by that answer', async () => {
    fake.setModes({ callbackBeforeResponse: true });
    const batch = items(harness.currency, 2);
    const results = await adapter.submit(config, batch);
    expect(ledger(batch)).toEqual(['PAID', 'PAID']);
    receiver.ledger.apply(results);
    expect(ledger(batch)).toEqual(['PAID', 'PAID']);
    everyPaidOnce(batch);
  });

  it('duplicated and out-of-order callbacks end in the final state', async () => {
    fake.setModes({ duplicateCallbacks: true, staleCallbackAfterFinal: true });
    const batch = items(harness.currency, 2);
    receiver.ledger.apply(await adapter.submit(config, batch));
    await fake.settled();
    expect(fake.callbacksSent.length).toBeGreaterThanOrEqual(4);
    expect(receiver.answers.every((status) => status === 200)).toBe(true);
    expect(ledger(batch)).toEqual(['PAID', 'PAID']);
    everyPaidOnce(batch);
  });

  it('a 500 after the provider acted is UNKNOWN and status polling settles it as paid', async () => {
    fake.setModes({ submitStatus500: 'after', withholdCallbacks: true });
    const batch = items(harness.currency, 2);
    const results = await adapter.submit(config, batch);
    expect(results.map((r) => r.status)).toEqual(['UNKNOWN', 'UNKNOWN']);
    receiver.ledger.apply(results);
    await fake.settled();
    fake.setModes({ submitStatus500: 'off' });
    const polled = await poll(batch, results);
    if (!harness.statusByCallback) expect(polled.map((r) => r.status)).toEqual(['PAID', 'PAID']);
    expect(ledger(batch)).toEqual(['PAID', 'PAID']);
    everyPaidOnce(batch);
  });

  it('a 500 before acting is UNKNOWN; polling finds nothing, and the resubmission pays once', async () => {
    fake.setModes({ submitStatus500: 'before' });
    const batch = items(harness.currency, 1);
    const results = await adapter.submit(config, batch);
    expect(results[0].status).toBe('UNKNOWN');
    const polled = await poll(batch, results);
    expect(polled[0].status).toBe('UNKNOWN');
    expect(receiver.ledger.status(batch[0].idempotencyKey)).toBe('UNKNOWN');
    expect(fake.transferCount).toBe(0);
    fake.setModes({ submitStatus500: 'off' });
    receiver.ledger.apply(await adapter.submit(config, batch));
    await fake.settled();
    expect(ledger(batch)).toEqual(['PAID']);
    everyPaidOnce(batch);
  });

  it('a provider that is down gives UNKNOWN; once it is back the same keys pay once', async () => {
    const batch = items(harness.currency, 2);
    const port = new URL(fake.url).port;
    await fake.stop();
    const down = await adapter.submit(config, batch);
    expect(down.map((r) => r.status)).toEqual(['UNKNOWN', 'UNKNOWN']);
    await fake.start(Number(port));
    const retry = await adapter.submit(config, batch);
    receiver.ledger.apply([...down, ...retry]);
    await fake.settled();
    expect(ledger(batch)).toEqual(['PAID', 'PAID']);
    everyPaidOnce(batch);
  });

  it('status polling settles lines whose callbacks never came', async () => {
    fake.setModes({ withholdCallbacks: true });
    const batch = items(harness.currency, 3);
    const results = await adapter.submit(config, batch);
    receiver.ledger.apply(results);
    await fake.settled();
    expect(ledger(batch)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    fake.setModes({ withholdCallbacks: false });
    await poll(batch, results);
    expect(ledger(batch)).toEqual(['PAID', 'PAID', 'PAID']);
    everyPaidOnce(batch);
  });

  it('refuses callbacks with a bad signature or token (401) and unreadable ones (400), changing nothing', async () => {
    fake.setModes({ withholdCallbacks: true });
    const batch = items(harness.currency, 1);
    receiver.ledger.apply(await adapter.submit(config, batch));
    await fake.settled();
    const key = batch[0].idempotencyKey;
    const body = harness.kind === 'mtn-momo'
      ? JSON.stringify({ amount: '1', currency: 'EUR', externalId: key, status: 'SUCCESSFUL', financialTransactionId: 'forged' })
      : harness.kind === 'mpesa-b2c'
        ? JSON.stringify({ Result: { ResultType: 0, ResultCode: 0, OriginatorConversationID: key, ConversationID: 'x', ResultParameters: { ResultParameter: [{ Key: 'TransactionReceipt', Value: 'FORGED' }] } } })
        : JSON.stringify({ batchId: 'x', clientCorrelationId: 'x', transactions: [{ requestId: key, status: 'COMPLETED', amount: '1', currency: 'USD' }] });
    expect(await harness.forge(receiver.url(config), body, false)).toBe(401);
    expect(await harness.forge(receiver.url(config), '{not json', true)).toBe(400);
    expect(await harness.forge(receiver.url(config), JSON.stringify({ hello: 'world' }), true)).toBe(400);
    expect(receiver.ledger.status(key)).toBe('PENDING');
    // the same body, genuinely authenticated, is accepted: the refusal above was the authentication's
    expect(await harness.forge(receiver.url(config), body, true)).toBe(200);
    expect(receiver.ledger.status(key)).toBe('PAID');
  });
});

describe('MoMo specifics', () => {
  it('derives a stable UUID v4 reference from the line id', () => {
    const key = '0192f3a4-5b6c-7d8e-9f00-112233445566';
    expect(momoReferenceId(key)).toBe('0192f3a4-5b6c-4d8e-9f00-112233445566');
    expect(momoReferenceId('line-42')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(momoReferenceId('line-42')).toBe(momoReferenceId('line-42'));
    expect(momoReferenceId('line-42')).not.toBe(momoReferenceId('line-43'));
  });

  it('verifies a payee through the account-holder endpoints', async () => {
    const fake = new FakeMtnMomoServer({ apiUser: 'u', apiKey: 'k', subscriptionKey: 's', targetEnvironment: 'sandbox', currency: 'EUR' });
    await fake.start();
    try {
      fake.inactiveMsisdns.add('256700000002');
      const config: ProviderConfig = { accountId: 'verify', kind: 'mtn-momo', baseUrl: fake.url, currency: 'EUR', credentials: { apiUser: 'u', apiKey: 'k', subscriptionKey: 's', targetEnvironment: 'sandbox' }, callbackUrl: 'http://127.0.0.1:1/cb', callbackSecret: SECRET, timeoutMs: 1000 };
      const adapter = new MtnMomoAdapter();
      const item = { idempotencyKey: 'k1', amountMinor: '100', currency: 'EUR', payeeName: 'A' };
      expect(await adapter.verifyPayee(config, { ...item, msisdn: '+256700000001' })).toEqual({ ok: true, name: 'Test Holder 0001' });
      expect(await adapter.verifyPayee(config, { ...item, msisdn: '+256700000002' })).toEqual({ ok: false, reason: 'ACCOUNT_INACTIVE' });
      expect(await adapter.verifyPayee(config, { ...item, msisdn: 'abc' })).toEqual({ ok: false, reason: 'INVALID_MSISDN' });
      expect(await adapter.verifyPayee({ ...config, accountId: 'verify-2', credentials: { ...config.credentials, apiKey: 'wrong' } }, { ...item, msisdn: '+256700000001' })).toEqual({ ok: false, reason: 'PROVIDER_UNAVAILABLE' });
    } finally {
      await fake.close();
    }
  });
});
