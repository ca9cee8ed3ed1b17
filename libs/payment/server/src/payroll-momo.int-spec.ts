import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import { paymentDefinition } from './payment.definition';
import { FakeMtnMomoServer } from './providers/testing/fake-mtn-momo.server';

jest.setTimeout(180_000);

const MOMO = { apiUser: 'momo-user', apiKey: 'momo-key-2026', subscriptionKey: 'momo-subscription', targetEnvironment: 'sandbox', currency: 'USD' };
const PAYROLL_OP = (op: string) => `mutation($input: PayrollDecisionInput!) { ${op}(input: $input) { id status } }`;

/**
 * A payroll paid end to end through the fake MTN MoMo server: generation, approval, the submission queue, the
 * provider's callbacks arriving at the API's callback route, and the same callbacks replayed.
 */
describe('a payroll paid through MTN MoMo', () => {
  let api: TestApi;
  let momo: FakeMtnMomoServer;
  const db = <T>(query: string, params: unknown[] = []) => sql<T>(api.databaseUrl, query, params);

  beforeAll(async () => {
    momo = new FakeMtnMomoServer(MOMO);
    await momo.start();
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition], { DEMO_DATA: 'true' });
    // the provider must reach this API's callback route
    process.env['PAYMENT_CALLBACK_BASE_URL'] = api.url;
    // one distinct mobile number per person, so that no line is held as a shared phone
    await db(`WITH n AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM registry.individual)
              UPDATE registry.individual i SET phones = ARRAY['+25677' || lpad(n.k::text, 7, '0')] FROM n WHERE n.id = i.id`);
  });

  afterAll(async () => {
    delete process.env['PAYMENT_CALLBACK_BASE_URL'];
    await api?.stop();
    await momo?.stop();
  });

  it('pays every line once, settles them from the callbacks, and a replay of the callbacks changes nothing', async () => {
    const account = await api.graphql<{ createPaymentProviderAccount: { id: string } }>(
      'mutation($input: CreateProviderAccountInput!) { createPaymentProviderAccount(input: $input) { id } }',
      {
        input: {
          code: 'MOMO-TEST',
          name: 'MoMo test',
          kind: 'MTN_MOMO',
          baseUrl: momo.url,
          currency: 'USD',
          timeoutMs: 5000,
          credentials: Object.entries({ apiUser: MOMO.apiUser, apiKey: MOMO.apiKey, subscriptionKey: MOMO.subscriptionKey, targetEnvironment: MOMO.targetEnvironment }).map(([key, value]) => ({ key, value })),
        },
      },
    );
    expect(account.errors).toBeUndefined();
    const [cycle] = await db<{ id: string }>(`SELECT id FROM payment.cycle ORDER BY created_at LIMIT 1`);
    const created = await api.graphql<{ createPayroll: { id: string } }>('mutation($input: CreatePayrollInput!) { createPayroll(input: $input) { id } }', {
      input: { cycleId: cycle.id, code: 'MOMO-PAY-1', providerAccountId: account.data!.createPaymentProviderAccount.id },
    });
    expect(created.errors).toBeUndefined();
    const payrollId = created.data!.createPayroll.id;
    await api.drainJobs();
    const flagged = await db<{ id: string }>(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'FLAGGED'`, [payrollId]);
    if (flagged.length) {
      const released = await api.graphql('mutation($input: PayrollLinesDecisionInput!) { releasePayrollLines(input: $input) }', { input: { payrollId, lineIds: flagged.map((f) => f.id) } });
      expect(released.errors).toBeUndefined();
    }
    const lines = await db<{ id: string; amount_minor: string }>(`SELECT id, amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 AND status NOT IN ('CANCELLED')`, [payrollId]);
    expect(lines.length).toBeGreaterThan(0);
    for (const op of ['submitPayrollForApproval', 'approvePayroll', 'startPayrollPayment']) {
      const answer = await api.graphql(PAYROLL_OP(op), { input: { payrollId } });
      expect(answer.errors).toBeUndefined();
    }
    await api.drainJobs();

    // the provider settles each transfer and calls back; the lines follow
    const deadline = Date.now() + 60_000;
    let paid = 0;
    while (Date.now() < deadline) {
      paid = (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'PAID'`, [payrollId]))[0].n;
      if (paid === lines.length) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(paid).toBe(lines.length);
    expect(momo.transferCount).toBe(lines.length);
    expect([...momo.paymentsByKey.values()].every((count) => count === 1)).toBe(true);
    expect(momo.callbacksSent.filter((c) => c.status === 200)).toHaveLength(lines.length);

    // the same callbacks again (a provider retrying): answered, not applied twice
    const transitionsBefore = (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1`, [payrollId]))[0].n;
    for (const callback of momo.callbacksSent.slice(0, 5)) {
      const response = await fetch(callback.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: callback.body });
      expect(response.status).toBeLessThan(300);
    }
    const transitionsAfter = (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1`, [payrollId]))[0].n;
    expect(transitionsAfter).toBe(transitionsBefore);
    // a forged callback (no token) is refused
    const forged = await fetch(momo.callbacksSent[0].url.replace(/\?.*$/, ''), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: momo.callbacksSent[0].body });
    expect(forged.status).toBe(401);
    expect(momo.transferCount).toBe(lines.length);
  });
});
