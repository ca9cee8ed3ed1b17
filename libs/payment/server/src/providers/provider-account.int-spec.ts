import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { coreDefinition, REDACTED } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import pino from 'pino';
import { paymentDefinition } from '../payment.definition';
import { PaymentCallbackController } from './payment-callback.controller';
import type { PayoutResult } from './payment-provider';
import type { PaymentResultsSink } from './payment-results-sink';
import { ProviderAccountService } from './provider-account.service';

const FIELDS = 'id code name kind baseUrl currency timeoutMs active credentialKeys hasCredentials callbackPath secretsChangedAt version';
const CREATE = `mutation($input: CreateProviderAccountInput!) { createPaymentProviderAccount(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateProviderAccountInput!) { updatePaymentProviderAccount(input: $input) { ${FIELDS} } }`;
const DEACTIVATE = `mutation($input: DeactivateProviderAccountInput!) { deactivatePaymentProviderAccount(input: $input) { ${FIELDS} } }`;
const LIST = `query($search: String) { paymentProviderAccounts(first: 50, filter: { search: $search }) { totalCount edges { node { ${FIELDS} } } } }`;
const PASSWORD = 'Provider-admin#2026!';
const SECRET_VALUES = ['momo-api-key-PLAIN', 'momo-subscription-PLAIN', 'ph-ee-callback-secret-PLAIN-0001'];

interface Account {
  id: string;
  code: string;
  version: number;
  credentialKeys: string[];
  hasCredentials: boolean;
  active: boolean;
  callbackPath: string;
  secretsChangedAt: string;
}

describe('payment provider accounts', () => {
  let api: TestApi;
  let viewerToken: string;
  let momo: Account;
  let phee: Account;
  // what the API logs (pino JSON lines, at info), read instead of written to stdout
  let logged = '';

  const role = async (code: string, permissions: string[]) => {
    const saved = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
    expect(saved.errors).toBeUndefined();
  };
  const callback = (code: string, body: string, headers: Record<string, string> = {}, query = '') =>
    fetch(`${api.url}/api/payment/callbacks/${code}${query}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    jest.spyOn(pino, 'destination').mockReturnValue(logStream as never);
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition], { LOG_LEVEL: 'info' });
    await role('payment_viewer', ['payment.view']);
    await api.createUser('viewer', PASSWORD, 'payment_viewer');
    viewerToken = (await api.login('viewer', PASSWORD)).accessToken;
  });

  afterAll(async () => {
    await api?.stop();
    jest.restoreAllMocks();
  });

  it('creates accounts with sealed credentials that the API never returns', async () => {
    const created = await api.graphql<{ createPaymentProviderAccount: Account }>(CREATE, {
      input: {
        code: 'MOMO-UG',
        name: 'MTN MoMo Uganda',
        kind: 'MTN_MOMO',
        baseUrl: 'https://sandbox.momodeveloper.mtn.com/',
        currency: 'UGX',
        credentials: [
          { key: 'apiUser', value: 'user-1' },
          { key: 'apiKey', value: SECRET_VALUES[0] },
          { key: 'subscriptionKey', value: SECRET_VALUES[1] },
          { key: 'targetEnvironment', value: 'mtnuganda' },
        ],
      },
    });
    expect(created.errors).toBeUndefined();
    momo = created.data!.createPaymentProviderAccount;
    expect(momo).toMatchObject({ code: 'MOMO-UG', kind: 'MTN_MOMO', baseUrl: 'https://sandbox.momodeveloper.mtn.com', hasCredentials: true, active: true, callbackPath: '/api/payment/callbacks/MOMO-UG', timeoutMs: 15000 });
    expect(momo.credentialKeys).toEqual(['apiKey', 'apiUser', 'subscriptionKey', 'targetEnvironment']);
    const second = await api.graphql<{ createPaymentProviderAccount: Account }>(CREATE, {
      input: { code: 'PHEE-1', name: 'Payment hub', kind: 'PH_EE', baseUrl: 'http://127.0.0.1:1', currency: 'USD', timeoutMs: 5000, credentials: [{ key: 'tenant', value: 'tn01' }], callbackSecret: SECRET_VALUES[2] },
    });
    expect(second.errors).toBeUndefined();
    phee = second.data!.createPaymentProviderAccount;

    // nothing in the database, the audit trail or any API answer holds a secret in clear
    const dump = JSON.stringify(await sql(api.databaseUrl, 'SELECT * FROM payment.provider_account'));
    const audit = JSON.stringify(await sql(api.databaseUrl, "SELECT changes, details FROM core.audit_log WHERE entity_type = 'PaymentProviderAccount'"));
    const listed = JSON.stringify(await api.graphql(LIST, {}, { token: viewerToken }));
    for (const secret of SECRET_VALUES) for (const text of [dump, audit, listed]) expect(text).not.toContain(secret);
    expect(audit).toContain('MOMO-UG');

    const config = await api.app.get(ProviderAccountService).getConfig(momo.id);
    expect(config).toMatchObject({ kind: 'mtn-momo', currency: 'UGX', credentials: { apiKey: SECRET_VALUES[0], subscriptionKey: SECRET_VALUES[1] }, timeoutMs: 15000 });
    expect(config.callbackUrl).toMatch(/\/api\/payment\/callbacks\/MOMO-UG$/);
    expect(config.callbackSecret.length).toBeGreaterThanOrEqual(32);
    expect((await api.app.get(ProviderAccountService).getConfig(phee.id)).callbackSecret).toBe(SECRET_VALUES[2]);
  });

  it('refuses bad input with translated field errors and writes nothing', async () => {
    const before = (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM payment.provider_account'))[0].n;
    const bad = await api.graphql(CREATE, { input: { code: 'bad code', name: '', kind: 'MTN_MOMO', baseUrl: 'ftp://x', currency: 'ugx', timeoutMs: 10, credentials: [{ key: '1x', value: 'v' }] } }, { lang: 'fr' });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const fields = bad.errors![0].extensions!.fieldErrors!.map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'baseUrl', 'currency', 'timeoutMs']));
    const duplicate = await api.graphql(CREATE, { input: { code: 'MOMO-UG', name: 'again', kind: 'MTN_MOMO', baseUrl: 'https://x.example', currency: 'UGX', credentials: [] } }, { lang: 'pt' });
    expect(duplicate.errors![0].extensions!.code).toBe('CONFLICT');
    expect(duplicate.errors![0].message).toContain('MOMO-UG');
    const twice = await api.graphql(CREATE, { input: { code: 'X-1', name: 'x', kind: 'MTN_MOMO', baseUrl: 'https://x.example', currency: 'UGX', credentials: [{ key: 'apiKey', value: 'a' }, { key: 'apiKey', value: 'b' }] } });
    expect(twice.errors![0].extensions!.fieldErrors![0].message).toContain('apiKey');
    expect((await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM payment.provider_account'))[0].n).toBe(before);
  });

  it('updates credentials write-only: empty keeps, a value replaces, removal removes; stale versions are refused', async () => {
    const updated = await api.graphql<{ updatePaymentProviderAccount: Account }>(UPDATE, {
      input: { id: momo.id, version: momo.version, name: 'MoMo UG', credentials: [{ key: 'apiKey', value: '' }, { key: 'subscriptionKey', value: 'rotated-subscription' }], removeCredentials: ['targetEnvironment'] },
    });
    expect(updated.errors).toBeUndefined();
    const next = updated.data!.updatePaymentProviderAccount;
    expect(next.credentialKeys).toEqual(['apiKey', 'apiUser', 'subscriptionKey']);
    expect(next.version).toBe(momo.version + 1);
    expect(new Date(next.secretsChangedAt).getTime()).toBeGreaterThan(new Date(momo.secretsChangedAt).getTime());
    const config = await api.app.get(ProviderAccountService).getConfig(momo.id);
    expect(config.credentials).toEqual({ apiUser: 'user-1', apiKey: SECRET_VALUES[0], subscriptionKey: 'rotated-subscription' });
    const stale = await api.graphql(UPDATE, { input: { id: momo.id, version: momo.version, name: 'late' } });
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    momo = next;
  });

  it('only payment.providers.manage may change accounts', async () => {
    const denied = await api.graphql(UPDATE, { input: { id: momo.id, version: momo.version, name: 'hijack' } }, { token: viewerToken });
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    const created = await api.graphql(CREATE, { input: { code: 'V-1', name: 'x', kind: 'MTN_MOMO', baseUrl: 'https://x.example', currency: 'UGX', credentials: [] } }, { token: viewerToken });
    expect(created.errors![0].extensions!.code).toBe('FORBIDDEN');
    const anonymous = await api.graphql(LIST, {}, { token: null });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('holds changes for approval without storing secrets in clear in the pending operation', async () => {
    const flow = await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', { input: { operation: 'payment.providers.update', enabled: true, levels: [{ roles: ['administrator'], policy: 'ANY' }] } });
    expect(flow.errors).toBeUndefined();
    const held = await api.graphql(UPDATE, { input: { id: momo.id, version: momo.version, credentials: [{ key: 'apiKey', value: 'held-secret-PLAIN' }] } });
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    const payload = JSON.stringify(await sql(api.databaseUrl, "SELECT payload, summary FROM core.pending_operation WHERE operation = 'payment.providers.update'"));
    expect(payload).not.toContain('held-secret-PLAIN');
    expect(payload).toContain('apiKey');
    const off = await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', { input: { operation: 'payment.providers.update', enabled: false, levels: [{ roles: ['administrator'], policy: 'ANY' }] } });
    expect(off.errors).toBeUndefined();
  });

  it('authenticates callbacks on the raw body: 401 bad signature, 400 malformed, 404 unknown account, never a 500', async () => {
    const body = JSON.stringify({ batchId: 'b', clientCorrelationId: 'c', transactions: [{ requestId: 'r1', status: 'COMPLETED', amount: '1.00', currency: 'USD' }] });
    const sign = (text: string, secret: string) => createHmac('sha256', secret).update(text).digest('base64');
    expect((await callback('PHEE-1', body, { 'X-Signature': sign(body, 'wrong') })).status).toBe(401);
    expect((await callback('PHEE-1', body)).status).toBe(401);
    // the signature covers the exact bytes: the same JSON re-serialised with other spacing fails
    expect((await callback('PHEE-1', JSON.stringify(JSON.parse(body), null, 1), { 'X-Signature': sign(body, SECRET_VALUES[2]) })).status).toBe(401);
    expect((await callback('PHEE-1', '{"transactions": 1}', { 'X-Signature': sign('{"transactions": 1}', SECRET_VALUES[2]) })).status).toBe(400);
    expect((await callback('NOPE', body)).status).toBe(404);
    expect((await callback('MOMO-UG', JSON.stringify({ externalId: 'x', status: 'SUCCESSFUL' }), {}, '?token=guess')).status).toBe(401);
    const big = 'x'.repeat(5 * 1024 * 1024);
    expect((await callback('PHEE-1', big)).status).toBe(413);
  });

  it('never logs the secret token of a callback URL: accepted, refused and unknown-account calls alike', async () => {
    const secret = (await api.app.get(ProviderAccountService).getConfigByCode('MOMO-UG'))!.callbackSecret;
    expect(secret.length).toBeGreaterThan(10);
    const guess = 'probe-callback-secret-0123456789abcdef';
    const controller = api.app.get(PaymentCallbackController) as unknown as { sink: PaymentResultsSink };
    const original = controller.sink;
    controller.sink = { apply: async () => undefined };
    try {
      const transfer = JSON.stringify({ externalId: 'line-log-1', status: 'SUCCESSFUL', financialTransactionId: 'ft-1', amount: '100', currency: 'UGX' });
      expect((await callback('MOMO-UG', transfer, {}, `?token=${encodeURIComponent(secret)}`)).status).toBe(200);
      expect((await callback('MOMO-UG', transfer, {}, `?token=${guess}`)).status).toBe(401);
      expect((await callback('MOMO-NONE', transfer, {}, `?token=${guess}`)).status).toBe(404);
    } finally {
      controller.sink = original;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const urls = logged
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url);
    expect(urls).toEqual(expect.arrayContaining([`/api/payment/callbacks/MOMO-UG?token=${REDACTED}`, `/api/payment/callbacks/MOMO-NONE?token=${REDACTED}`]));
    expect(logged).not.toContain(guess);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(encodeURIComponent(secret));
  });

  it('deactivates an account: no submission config any more, callbacks still authenticated', async () => {
    const done = await api.graphql<{ deactivatePaymentProviderAccount: Account }>(DEACTIVATE, { input: { id: phee.id, version: phee.version } });
    expect(done.errors).toBeUndefined();
    expect(done.data!.deactivatePaymentProviderAccount.active).toBe(false);
    await expect(api.app.get(ProviderAccountService).getConfig(phee.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await api.app.get(ProviderAccountService).getConfig(phee.id, { allowInactive: true })).kind).toBe('ph-ee');
    const again = await api.graphql(DEACTIVATE, { input: { id: phee.id, version: done.data!.deactivatePaymentProviderAccount.version } }, { lang: 'fr' });
    expect(again.errors![0].message).toContain('déjà inactif');
    expect((await callback('PHEE-1', '{}', { 'X-Signature': 'nope' })).status).toBe(401);
  });

  it('hands genuine results to the payroll side once: the same bytes again are a recorded replay', async () => {
    const applied: { accountId: string; results: PayoutResult[] }[] = [];
    const controller = api.app.get(PaymentCallbackController) as unknown as { sink: PaymentResultsSink };
    const original = controller.sink;
    controller.sink = { apply: async (accountId, results) => applied.push({ accountId, results }) };
    try {
      const body = JSON.stringify({ batchId: 'b-1', clientCorrelationId: 'c-1', transactions: [{ requestId: 'line-1', status: 'COMPLETED', amount: '12.50', currency: 'USD', transactionId: 't-1' }] });
      const signature = createHmac('sha256', SECRET_VALUES[2]).update(body).digest('base64');
      const first = await callback('PHEE-1', body, { 'X-Signature': signature });
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: 1 });
      const again = await callback('PHEE-1', body, { 'X-Signature': signature });
      expect(await again.json()).toEqual({ received: 1, replay: true });
      expect(applied).toEqual([{ accountId: phee.id, results: [{ idempotencyKey: 'line-1', status: 'PAID', providerReference: 'c-1', receipt: 't-1', paidAmountMinor: '1250', paidCurrency: 'USD' }] }]);
      const log = await sql<{ outcome: string; n: number }>(api.databaseUrl, `SELECT outcome, count(*)::int AS n FROM payment.provider_callback WHERE account_code = 'PHEE-1' GROUP BY outcome ORDER BY outcome`);
      expect(log).toEqual(expect.arrayContaining([{ outcome: 'ACCEPTED', n: 1 }, { outcome: 'REPLAY', n: 1 }, expect.objectContaining({ outcome: 'BAD_SIGNATURE' }), expect.objectContaining({ outcome: 'MALFORMED' })]));
    } finally {
      controller.sink = original;
    }
  });
});
