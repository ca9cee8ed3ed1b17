import { randomUUID } from 'node:crypto';
import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import { paymentDefinition } from '../payment.definition';

jest.setTimeout(240_000);

const PASSWORD = 'Agent#2026-test!';
// a 1x1 PNG: a valid photo of a handover
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

interface AgentLine {
  kind: string;
  id: string;
  pointId: string;
  status: string;
  amountMinor: string | null;
  quantity: number | null;
  recipientId: string | null;
  photoUrl?: string | null;
  photo?: { contentType: string; base64: string } | null;
  updatedAt: string;
}
interface LinesPage {
  items: AgentLine[];
  nextCursor: string | null;
  watermark: string | null;
}
interface Outcome {
  clientId: string;
  status: string;
  code: string | null;
  message: string | null;
}

/** The payment-agent API as a device (and an outsider) uses it: plain HTTP with the platform's JWT. */
describe('payment-agent API', () => {
  let api: TestApi;
  let payrollId: string;
  let pointA: string;
  let pointB: string;
  let cancelledA: string;
  const tokens: Record<string, string> = {};
  const db = <T>(query: string, params: unknown[] = []) => sql<T>(api.databaseUrl, query, params);
  const call = async <T>(token: string | null, path: string, init: { method?: string; body?: unknown; lang?: string } = {}) => {
    const response = await fetch(`${api.url}/api/payment/agent/${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.lang ? { 'x-lang': init.lang } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, type, body: (type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer())) as T };
  };
  const upload = (token: string, items: unknown[], lang?: string) => call<{ results: Outcome[] }>(token, 'deliveries', { method: 'POST', body: { items }, lang });
  const allLines = async (token: string, query = '') => {
    const items: AgentLine[] = [];
    let cursor: string | null = null;
    let watermark: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: LinesPage } = await call<LinesPage>(token, `lines?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      watermark = page.body.watermark ?? watermark;
      pages++;
    } while (cursor && pages < 100);
    return { items, watermark, pages };
  };
  const delivery = (line: AgentLine, extra: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    kind: line.kind,
    lineId: line.id,
    ...(line.kind === 'CASH' ? { amountMinor: line.amountMinor } : {}),
    // an hour ago: a time ahead of the server's clock is refused
    deliveredAt: new Date(Date.now() - 3_600_000).toISOString(),
    latitude: -4.321,
    longitude: 15.312,
    receiptNumber: `RC-${line.id.slice(-6)}`,
    ...extra,
  });

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition], { DEMO_DATA: 'true' });
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const answer = await api.graphql<Record<string, { id: string }>>(query, variables);
      expect(answer.errors).toBeUndefined();
      return Object.values(answer.data!)[0];
    };
    const programId = (await db<{ id: string }>(`SELECT id FROM programs.program WHERE code = 'DEMO-CG'`))[0].id;
    const cycleId = (await db<{ id: string }>(`SELECT id FROM payment.cycle WHERE code = 'DEMO-CG-2026-12'`))[0].id;
    // cash: a payroll paid at the payment points
    payrollId = (await ok('mutation($input: CreatePayrollInput!) { createPayroll(input: $input) { id } }', { input: { cycleId, code: 'AGENT-PR' } })).id;
    await api.drainJobs();
    const flagged = await db<{ id: string }>(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'FLAGGED'`, [payrollId]);
    if (flagged.length) await ok('mutation($input: PayrollLinesDecisionInput!) { releasePayrollLines(input: $input) }', { input: { payrollId, lineIds: flagged.map((f) => f.id) } });
    [{ id: pointA }, { id: pointB }] = await db<{ id: string }>(`SELECT payment_point_id AS id FROM payment.payroll_line WHERE payroll_id = $1 GROUP BY payment_point_id ORDER BY count(*) DESC, payment_point_id LIMIT 2`, [payrollId]);
    cancelledA = (await db<{ id: string }>(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND payment_point_id = $2 ORDER BY id DESC LIMIT 1`, [payrollId, pointA]))[0].id;
    await ok('mutation($input: PayrollLinesDecisionInput!) { cancelPayrollLines(input: $input) }', { input: { payrollId, lineIds: [cancelledA] } });
    for (const op of ['submitPayrollForApproval', 'approvePayroll', 'startPayrollPayment']) await ok(`mutation($input: PayrollDecisionInput!) { ${op}(input: $input) { id } }`, { input: { payrollId } });
    await api.drainJobs();
    // goods: one item, one distribution in payment, stock at point A
    const itemId = (await ok('mutation($input: SaveGoodsItemInput!) { saveGoodsItem(input: $input) { id } }', { input: { code: 'RICE', names: { en: 'Rice' }, unit: 'KG', unitValueMinor: '120', currency: 'USD', active: true } })).id;
    await ok('mutation($input: SaveGoodsRulesInput!) { saveGoodsRules(input: $input) { id } }', { input: { programId, rules: [{ itemId, perHousehold: 10, perMember: 0 }] } });
    const distributionId = (await ok('mutation($input: CreateGoodsDistributionInput!) { createGoodsDistribution(input: $input) { id } }', { input: { cycleId, code: 'AGENT-G' } })).id;
    await api.drainJobs();
    for (const op of ['submitGoodsDistributionForApproval', 'approveGoodsDistribution', 'startGoodsDistribution']) await ok(`mutation($input: GoodsDistributionDecisionInput!) { ${op}(input: $input) { id } }`, { input: { distributionId } });
    await ok('mutation($input: StockMovementInput!) { receiveGoodsStock(input: $input) { quantity } }', { input: { paymentPointId: pointA, itemId, quantity: 15 } });

    await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'pay_agent', name: 'Agent', permissions: ['payment.deliver'] } });
    await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'pay_viewer', name: 'Viewer', permissions: ['payment.view'] } });
    for (const [name, role] of [['agentA', 'pay_agent'], ['agentB', 'pay_agent'], ['viewer', 'pay_viewer']] as const) {
      await api.createUser(name, PASSWORD, role);
      tokens[name] = (await api.login(name, PASSWORD)).accessToken;
    }
    const users = await db<{ id: string; username: string }>(`SELECT id, username FROM core."user" WHERE username IN ('agentA', 'agentB')`);
    const idOf = (u: string) => users.find((x) => x.username === u)!.id;
    await db(`UPDATE payment.payment_point SET staff_user_ids = ARRAY[$2::uuid] WHERE id = $1`, [pointA, idOf('agentA')]);
    await db(`UPDATE payment.payment_point SET staff_user_ids = ARRAY[$2::uuid] WHERE id = $1`, [pointB, idOf('agentB')]);
  });

  afterAll(() => api?.stop());

  it("downloads only its points' lines, cash and goods, paged, with recipients' photos", async () => {
    const me = await call<{ points: { id: string }[] }>(tokens.agentA, 'me');
    expect(me.body.points.map((p) => p.id)).toEqual([pointA]);
    const { items, pages } = await allLines(tokens.agentA);
    expect(pages).toBeGreaterThan(1);
    const expected = await db<{ id: string }>(
      `SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND payment_point_id = $2 AND status = 'SUBMITTED'
       UNION ALL SELECT id FROM payment.goods_entitlement WHERE payment_point_id = $2 AND status = 'SUBMITTED'`,
      [payrollId, pointA],
    );
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.every((i) => i.pointId === pointA)).toBe(true);
    expect(items.some((i) => i.kind === 'GOODS' && i.quantity === 10)).toBe(true);
    expect(items.some((i) => i.id === cancelledA)).toBe(false);
    // photos: a URL only this agent may open, or inline
    const withPhoto = items.find((i) => i.photoUrl)!;
    expect(withPhoto).toBeDefined();
    const photo = await call<Buffer>(tokens.agentA, withPhoto.photoUrl!.replace('/api/payment/agent/', ''));
    expect(photo.status).toBe(200);
    expect(photo.type).toMatch(/^image\//);
    expect((await call(tokens.agentB, withPhoto.photoUrl!.replace('/api/payment/agent/', ''))).status).toBe(404);
    const inline = await call<LinesPage>(tokens.agentA, 'lines?limit=5&photos=inline');
    expect(inline.body.items.some((i) => i.photo && i.photo.base64.length > 0)).toBe(true);
    // agent B sees none of A's lines
    const b = await allLines(tokens.agentB);
    expect(b.items.length).toBeGreaterThan(0);
    expect(b.items.filter((i) => i.pointId !== pointB)).toEqual([]);
  });

  it('uploads deliveries in batches: conflicts per item, idempotent by client id, never paid twice', async () => {
    const { items, watermark } = await allLines(tokens.agentA);
    const cash = items.filter((i) => i.kind === 'CASH');
    const goods = items.filter((i) => i.kind === 'GOODS');
    const bLine = (await allLines(tokens.agentB)).items.find((i) => i.kind === 'CASH')!;
    const batch = [
      delivery(cash[0], { photoBase64: PNG }),
      delivery(goods[0]),
      delivery(goods[1]), // 15 in stock, 10 each: the second is out of stock
      delivery(bLine), // another point's line
      delivery(cash[1], { amountMinor: String(BigInt(cash[1].amountMinor!) + 1n) }),
      { ...delivery(cash[2]), lineId: cancelledA, amountMinor: '100' },
      delivery(cash[0]), // the same line again under another client id
      delivery(cash[3], { photoBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') }),
    ];
    const first = await upload(tokens.agentA, batch, 'fr');
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => [r.status, r.code])).toEqual([
      ['ACCEPTED', null],
      ['ACCEPTED', null],
      ['CONFLICT', 'OUT_OF_STOCK'],
      ['CONFLICT', 'NOT_ASSIGNED'],
      ['CONFLICT', 'AMOUNT_MISMATCH'],
      ['CONFLICT', 'CANCELLED'],
      ['CONFLICT', 'ALREADY_PAID'],
      ['CONFLICT', 'INVALID_PHOTO'],
    ]);
    expect(first.body.results[3].message).toContain('point de paiement');
    const paidTransitions = async (id: string) => (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE line_id = $1 AND to_status = 'PAID'`, [id]))[0].n;
    expect(await paidTransitions(cash[0].id)).toBe(1);
    expect((await db<{ status: string; receipt: string }>(`SELECT status, receipt FROM payment.payroll_line WHERE id = $1`, [cash[0].id]))[0]).toEqual({ status: 'PAID', receipt: `RC-${cash[0].id.slice(-6)}` });
    expect((await db<{ status: string }>(`SELECT status FROM payment.payroll_line WHERE id = $1`, [bLine.id]))[0].status).toBe('SUBMITTED');
    const evidence = await db<{ latitude: string; photo_type: string | null; recorded_by: string; source: string }>(`SELECT latitude::text, photo_type, recorded_by::text, source FROM payment.delivery WHERE payroll_line_id = $1`, [cash[0].id]);
    expect(evidence).toEqual([expect.objectContaining({ latitude: '-4.321000', photo_type: 'image/png', source: 'AGENT_API' })]);

    // the device replays the whole batch (no answer received): nothing moves
    const transitions = (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition`))[0].n;
    const replay = await upload(tokens.agentA, batch);
    expect(replay.body.results.slice(0, 2).map((r) => r.status)).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(replay.body.results.slice(2).every((r) => r.status === 'CONFLICT')).toBe(true);
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition`))[0].n).toBe(transitions);
    expect((await db<{ quantity: number }>(`SELECT quantity FROM payment.goods_stock WHERE payment_point_id = $1`, [pointA]))[0].quantity).toBe(5);
    // the same client id for another line is refused, not applied
    const reused = await upload(tokens.agentA, [{ ...delivery(cash[4]), clientId: batch[0].clientId }]);
    expect(reused.body.results[0].code).toBe('CLIENT_ID_REUSED');
    expect((await db<{ status: string }>(`SELECT status FROM payment.payroll_line WHERE id = $1`, [cash[4].id]))[0].status).toBe('SUBMITTED');
    // the same line from two devices at once: one payment
    const racing = await Promise.all([upload(tokens.agentA, [delivery(cash[5])]), upload(tokens.agentA, [delivery(cash[5])])]);
    expect(racing.map((r) => r.body.results[0].status).sort()).toEqual(['ACCEPTED', 'CONFLICT']);
    expect(await paidTransitions(cash[5].id)).toBe(1);

    // since the watermark: only what changed
    const changed = await call<LinesPage>(tokens.agentA, `lines?since=${encodeURIComponent(watermark!)}`);
    expect(changed.body.items.map((i) => i.id).sort()).toEqual([cash[0].id, goods[0].id, cash[5].id].sort());
    expect(changed.body.items.every((i) => i.status === 'PAID')).toBe(true);
  });

  it("refuses outsiders: another point's ids, no or forged token, other permissions, malformed input", async () => {
    const { items } = await allLines(tokens.agentA);
    const aLine = items.find((i) => i.kind === 'CASH' && i.status === 'SUBMITTED')!;
    const fromB = await upload(tokens.agentB, [delivery(aLine)]);
    expect(fromB.body.results[0]).toMatchObject({ status: 'CONFLICT', code: 'NOT_ASSIGNED' });
    expect((await db<{ status: string }>(`SELECT status FROM payment.payroll_line WHERE id = $1`, [aLine.id]))[0].status).toBe('SUBMITTED');
    expect((await call(null, 'lines')).status).toBe(401);
    const [header, payload] = tokens.agentB.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'someone-else' })).toString('base64url');
    expect((await call(`${header}.${forgedPayload}.${'x'.repeat(43)}`, 'lines')).status).toBe(401);
    expect((await upload(`${header}.${forgedPayload}.${'x'.repeat(43)}`, [delivery(aLine)])).status).toBe(401);
    expect((await call(tokens.viewer, 'lines')).status).toBe(403);
    expect((await db<{ status: string }>(`SELECT status FROM payment.payroll_line WHERE id = $1`, [aLine.id]))[0].status).toBe('SUBMITTED');

    const before = (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.delivery`))[0].n;
    const empty = await upload(tokens.agentA, []);
    expect(empty.status).toBe(400);
    const bad = await upload(tokens.agentA, [{ ...delivery(aLine), clientId: 'not-a-uuid', latitude: 200, kind: 'BITCOIN' }], 'pt');
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { fieldErrors: { field: string }[] }).fieldErrors.map((f) => f.field).sort()).toEqual(['items.0.clientId', 'items.0.kind', 'items.0.latitude']);
    expect((bad.body as unknown as { fieldErrors: { field: string; message: string }[] }).fieldErrors.find((f) => f.field === 'items.0.latitude')!.message).toBe('deve ser uma latitude, de -90 a 90');
    expect((await upload(tokens.agentA, [{ ...delivery(aLine), extra: 'field' }])).status).toBe(400);
    // an array instead of { items }: the limits are stated with their numbers, in the caller's language
    const notAnObject = await call<{ fieldErrors: { field: string; message: string }[] }>(tokens.agentA, 'deliveries', { method: 'POST', body: [1, 2], lang: 'pt' });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.fieldErrors.filter((f) => f.field === 'items')).toEqual([
      { field: 'items', message: 'deve conter no máximo 100 itens' },
      { field: 'items', message: 'deve conter pelo menos 1 item(ns)' },
    ]);
    expect((await call(tokens.agentA, 'lines?limit=100000')).status).toBe(400);
    expect((await call(tokens.agentA, 'lines?cursor=garbage')).status).toBe(400);
    expect((await call(tokens.agentA, 'lines?since=yesterday')).status).toBe(400);
    expect((await call(tokens.agentA, 'photos/not-a-uuid')).status).toBe(400);
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.delivery`))[0].n).toBe(before);
  });

  it('refuses per item a delivery time more than 10 minutes ahead of the server, as a conflict in the caller\'s language', async () => {
    const { items } = await allLines(tokens.agentA);
    const [farAhead, ahead, slightlyFast, longBefore, goods] = [...items.filter((i) => i.kind === 'CASH' && i.status === 'SUBMITTED').slice(0, 4), items.find((i) => i.kind === 'GOODS' && i.status === 'SUBMITTED')!];
    const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const answer = await upload(
      tokens.agentA,
      [
        delivery(farAhead, { deliveredAt: '2099-01-01T00:00:00Z' }),
        delivery(ahead, { deliveredAt: minutesFromNow(11) }),
        delivery(slightlyFast, { deliveredAt: minutesFromNow(5) }),
        // before the payroll existed: the lines were sent to the point minutes ago
        delivery(longBefore, { deliveredAt: '2020-01-01T08:00:00Z' }),
        delivery(goods, { deliveredAt: minutesFromNow(-25 * 60) }),
      ],
      'fr',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => [r.status, r.code])).toEqual([
      ['CONFLICT', 'DELIVERED_IN_FUTURE'],
      ['CONFLICT', 'DELIVERED_IN_FUTURE'],
      ['ACCEPTED', null],
      ['CONFLICT', 'DELIVERED_BEFORE_SUBMISSION'],
      ['CONFLICT', 'DELIVERED_BEFORE_SUBMISSION'],
    ]);
    expect(answer.body.results[0].message).toBe('L’heure de remise est dans le futur : vérifiez la date et l’heure de l’appareil.');
    expect(answer.body.results[3].message).toBe('L’heure de remise est antérieure à l’envoi de ce paiement au point de paiement : vérifiez la date et l’heure de l’appareil.');
    expect((await db<{ status: string }>(`SELECT status FROM payment.goods_entitlement WHERE id = $1`, [goods.id]))[0].status).toBe('SUBMITTED');
    expect((await db<{ status: string }>(`SELECT status FROM payment.payroll_line WHERE id = $1`, [longBefore.id]))[0].status).toBe('SUBMITTED');
    const status = async (id: string) => (await db<{ status: string }>(`SELECT status FROM payment.payroll_line WHERE id = $1`, [id]))[0].status;
    expect([await status(farAhead.id), await status(ahead.id), await status(slightlyFast.id)]).toEqual(['SUBMITTED', 'SUBMITTED', 'PAID']);
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.delivery WHERE payroll_line_id = ANY($1::uuid[])`, [[farAhead.id, ahead.id]]))[0].n).toBe(0);
  });
});
