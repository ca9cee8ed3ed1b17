import { createHmac } from 'node:crypto';
import type { CallbackRequest, ProviderConfig } from '../payment-provider';
import { MtnMomoAdapter } from './mtn-momo.adapter';
import { PhEeAdapter } from './ph-ee.adapter';

const SECRET = 'callback-secret-0123456789abcdef';
const KEY = '0192f3a4-5b6c-7d8e-9f00-000000000001';
const config = (kind: ProviderConfig['kind']): ProviderConfig => ({ accountId: 'acc', kind, baseUrl: 'http://127.0.0.1:9', currency: 'USD', credentials: {}, callbackUrl: 'http://127.0.0.1:9/cb', callbackSecret: SECRET, timeoutMs: 100 });
const MINOR = /^\d+$/;

// the amount a provider reports is what the results service compares with the line: it must never read as "no amount"
describe('amounts in provider callbacks', () => {
  const momo = (body: Record<string, unknown>) => {
    const rawBody = Buffer.from(JSON.stringify({ externalId: KEY, status: 'SUCCESSFUL', financialTransactionId: 'F1', ...body }));
    return new MtnMomoAdapter().parseCallback(config('mtn-momo'), { headers: {}, rawBody, query: { token: SECRET } } as CallbackRequest);
  };
  const phee = (transaction: Record<string, unknown>) => {
    const rawBody = Buffer.from(JSON.stringify({ clientCorrelationId: 'c1', transactions: [{ requestId: KEY, status: 'COMPLETED', ...transaction }] }));
    const signature = createHmac('sha256', SECRET).update(rawBody).digest('base64');
    return new PhEeAdapter().parseCallback(config('ph-ee'), { headers: { 'x-signature': signature }, rawBody, query: {} } as CallbackRequest);
  };

  it('reads a well-formed amount in minor units, with its currency', async () => {
    expect(await momo({ amount: '50.00', currency: 'USD' })).toEqual([expect.objectContaining({ status: 'PAID', paidAmountMinor: '5000', paidCurrency: 'USD' })]);
    expect(await phee({ amount: 12.5, currency: 'USD' })).toEqual([expect.objectContaining({ status: 'PAID', paidAmountMinor: '1250', paidCurrency: 'USD' })]);
  });

  it.each([['abc'], ['-55.00'], [{ a: 1 }], ['1.005'], [true]])('keeps an amount it cannot read (%j) as something that is no minor-unit number', async (amount) => {
    for (const [result] of [await momo({ amount, currency: 'USD' }), await phee({ amount, currency: 'USD' })]) {
      expect(result.status).toBe('PAID');
      expect(result.paidAmountMinor).toEqual(expect.any(String));
      expect(result.paidAmountMinor).not.toMatch(MINOR);
    }
  });

  it('passes on the currency the provider paid in, for the results service to compare with the line', async () => {
    expect((await momo({ amount: '4000', currency: 'XOF' }))[0]).toMatchObject({ paidAmountMinor: '4000', paidCurrency: 'XOF' });
  });

  it('reports no amount when the provider gave none', async () => {
    expect((await momo({ currency: 'USD' }))[0].paidAmountMinor).toBeUndefined();
  });
});
