import { randomUUID } from 'node:crypto';
import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import type { JobContext } from '@coremis/core';
import { paymentDefinition } from '../payment.definition';
import { type GoodsGenerationCheckpoint, type GoodsGenerationPayload, GoodsService } from './goods.service';

jest.setTimeout(180_000);

const PASSWORD = 'Goods#2026-test!';
const SAVE_ITEM = 'mutation($input: SaveGoodsItemInput!) { saveGoodsItem(input: $input) { id code unit unitValueMinor names { en fr pt } } }';
const SAVE_RULES = 'mutation($input: SaveGoodsRulesInput!) { saveGoodsRules(input: $input) { id ruleVersion } }';
const CREATE = 'mutation($input: CreateGoodsDistributionInput!) { createGoodsDistribution(input: $input) { id status generationJobId } }';
const REGENERATE = 'mutation($input: GoodsDistributionDecisionInput!) { regenerateGoodsDistribution(input: $input) { id status } }';
const OP = (op: string) => `mutation($input: GoodsDistributionDecisionInput!) { ${op}(input: $input) { id status } }`;
const ENTITLEMENTS = 'query($d: ID!, $status: PayrollLineStatus) { goodsEntitlements(distributionId: $d, status: $status, first: 500) { totalCount edges { node { id status quantity itemId paymentPointId } } } }';
const DELIVER = 'mutation($input: GoodsDeliveryInput!) { recordGoodsDelivery(input: $input) { clientId status code } }';
const RECEIVE = 'mutation($input: StockMovementInput!) { receiveGoodsStock(input: $input) { quantity } }';
const ADJUST = 'mutation($input: StockMovementInput!) { adjustGoodsStock(input: $input) { quantity } }';
const SAVE_FLOW = 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }';
const APPROVE_OP = 'mutation($id: ID!) { approveOperation(id: $id) { status error } }';

describe('goods distribution', () => {
  let api: TestApi;
  let programId: string;
  let cycleId: string;
  let district: { id: string; path: string };
  let maize: string;
  let oil: string;
  let distributionId: string;
  const tokens: Record<string, string> = {};
  const as = <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}, lang?: string) => api.graphql<T>(query, variables, { token: tokens[user], lang });
  const db = <T>(query: string, params: unknown[] = []) => sql<T>(api.databaseUrl, query, params);
  const count = async (where: string, params: unknown[] = []) => (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.goods_entitlement WHERE distribution_id = $1 AND ${where}`, [distributionId, ...params]))[0].n;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition], { DEMO_DATA: 'true' });
    programId = (await db<{ id: string }>(`SELECT id FROM programs.program WHERE code = 'DEMO-CG'`))[0].id;
    cycleId = (await db<{ id: string }>(`SELECT id FROM payment.cycle WHERE code = 'DEMO-CG-2026-12'`))[0].id;
    district = (
      await db<{ id: string; path: string }>(
        `SELECT a.id, a.path FROM geo.admin_area a JOIN payment.payment_point p ON p.area_id = a.id
         ORDER BY (SELECT count(*) FROM programs.beneficiary b WHERE b.program_id = $1 AND starts_with(b.area_path, a.path)) DESC, a.code LIMIT 1`,
        [programId],
      )
    )[0];
    const roles: Record<string, string[]> = {
      goods_officer: ['payment.view', 'payment.goods.manage', 'payment.approve', 'payment.pay', 'payment.review', 'payment.deliver', 'core.approvals.view'],
      goods_checker1: ['payment.view', 'payment.approve', 'core.approvals.view', 'core.approvals.decide'],
      goods_checker2: ['payment.view', 'payment.approve', 'core.approvals.view', 'core.approvals.decide'],
      goods_viewer: ['payment.view'],
    };
    for (const [code, permissions] of Object.entries(roles)) {
      expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    }
    for (const [name, role, areas] of [['officer', 'goods_officer', null], ['checker1', 'goods_checker1', null], ['checker2', 'goods_checker2', null], ['viewer', 'goods_viewer', [district.id]]] as const) {
      await api.createUser(`g_${name}`, PASSWORD, role, areas ? [...areas] : null);
      tokens[name] = (await api.login(`g_${name}`, PASSWORD)).accessToken;
    }
  });

  afterAll(() => api?.stop());

  it('keeps a catalogue with names per language; bad input is a translated 4xx', async () => {
    const saved = await as<{ saveGoodsItem: { id: string } }>('officer', SAVE_ITEM, { input: { code: 'MAIZE', names: { en: 'Maize flour', fr: 'Farine de maïs', pt: 'Farinha de milho' }, unit: 'KG', unitValueMinor: '95', currency: 'USD', active: true } });
    expect(saved.errors).toBeUndefined();
    maize = saved.data!.saveGoodsItem.id;
    oil = (await as<{ saveGoodsItem: { id: string } }>('officer', SAVE_ITEM, { input: { code: 'OIL', names: { en: 'Cooking oil' }, unit: 'L', unitValueMinor: '320', currency: 'USD', active: true } })).data!.saveGoodsItem.id;
    const bad = await as('officer', SAVE_ITEM, { input: { code: 'X', names: { en: 'x' }, unit: 'kg', unitValueMinor: '-1', currency: 'usd', active: true } }, 'fr');
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.fieldErrors!.map((f) => f.field).sort()).toEqual(['currency', 'unit', 'unitValueMinor']);
    const twice = await as('officer', SAVE_ITEM, { input: { code: 'MAIZE', names: { en: 'Again' }, unit: 'KG', unitValueMinor: '1', currency: 'USD', active: true } }, 'pt');
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');
    expect((await as('viewer', SAVE_ITEM, { input: { code: 'RICE', names: { en: 'Rice' }, unit: 'KG', unitValueMinor: '1', currency: 'USD', active: true } })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await db(`SELECT code FROM payment.goods_item ORDER BY code`)).toEqual([{ code: 'MAIZE' }, { code: 'OIL' }]);
    const audited = await db<{ n: number }>(`SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'GoodsItem' AND action = 'CREATE'`);
    expect(audited[0].n).toBe(2);
  });

  it('generates entitlements set-based from versioned rules; generating again adds nothing', async () => {
    const noRules = await as('officer', CREATE, { input: { cycleId, code: 'G-0' } });
    expect(noRules.errors![0].extensions!.code).toBe('CONFLICT');
    const rules = await as<{ saveGoodsRules: { ruleVersion: number } }>('officer', SAVE_RULES, { input: { programId, rules: [{ itemId: maize, perHousehold: 0, perMember: 5, memberCap: 4 }, { itemId: oil, perHousehold: 2, perMember: 0 }] } });
    expect(rules.errors).toBeUndefined();
    expect(rules.data!.saveGoodsRules.ruleVersion).toBe(1);
    expect((await as<{ saveGoodsRules: { ruleVersion: number } }>('officer', SAVE_RULES, { input: { programId, rules: [{ itemId: maize, perHousehold: 0, perMember: 5, memberCap: 4 }, { itemId: oil, perHousehold: 2, perMember: 0 }] } })).data!.saveGoodsRules.ruleVersion).toBe(2);
    expect((await as('officer', SAVE_RULES, { input: { programId, rules: [{ itemId: maize, perHousehold: 0, perMember: 0 }] } })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    // a point in one beneficiary's own area (nearer than its district's) and a closed one in another's: each
    // entitlement goes to the deepest active point above it, as a payroll line does
    const [near, other] = await db<{ area_id: string; area_path: string }>(
      `SELECT DISTINCT ON (area_id) area_id, area_path FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' ORDER BY area_id LIMIT 2`,
      [programId],
    );
    await db(`INSERT INTO payment.payment_point (code, name, type, area_id, area_path, active) VALUES ('G-NEAR', 'Near', 'AGENT', $1, $2, true), ('G-CLOSED', 'Closed', 'AGENT', $3, $4, false)`, [
      near.area_id,
      near.area_path,
      other.area_id,
      other.area_path,
    ]);
    // a household whose recipient is not its head, one with none named (its head receives)
    const [named, unnamed] = await db<{ id: string; household_id: string }>(
      `SELECT DISTINCT ON (i.household_id) i.id, i.household_id FROM registry.individual i JOIN programs.beneficiary b ON b.household_id = i.household_id
        WHERE b.program_id = $1 AND b.status = 'ACTIVE' AND i.status = 'ACTIVE' AND i.relationship IS DISTINCT FROM 'HEAD' ORDER BY i.household_id, i.id LIMIT 2`,
      [programId],
    );
    await db(`UPDATE registry.individual SET recipient_role = NULL WHERE household_id = ANY($1::uuid[])`, [[named.household_id, unnamed.household_id]]);
    await db(`UPDATE registry.individual SET recipient_role = 'PRIMARY' WHERE id = $1`, [named.id]);
    const created = await as<{ createGoodsDistribution: { id: string; status: string; generationJobId: string | null } }>('officer', CREATE, { input: { cycleId, code: 'G-1' } });
    expect(created.errors).toBeUndefined();
    distributionId = created.data!.createGoodsDistribution.id;
    // the entitlements come from a background job created with the distribution
    const jobId = created.data!.createGoodsDistribution.generationJobId;
    expect(jobId).toEqual(expect.any(String));
    await api.drainJobs();
    expect(await db(`SELECT status, progress, error_message FROM core.job WHERE id = $1`, [jobId])).toEqual([{ status: 'COMPLETED', progress: 1, error_message: null }]);
    const active = (await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' AND (enrolled_on IS NULL OR enrolled_on <= '2026-12-15')`, [programId]))[0].n;
    expect(active).toBeGreaterThan(2);
    expect(await count(`item_id = $2`, [oil])).toBe(active);
    expect(await count(`item_id = $2 AND quantity = 2 AND rule_version = 2`, [oil])).toBe(active);
    // maize: 5 per active member, at most 4 members
    const wrong = await db<{ n: number }>(
      `SELECT count(*)::int AS n FROM payment.goods_entitlement e WHERE e.distribution_id = $1 AND e.item_id = $2
         AND e.quantity <> 5 * least(4, (SELECT count(*) FROM registry.individual i WHERE i.household_id = e.household_id AND i.status = 'ACTIVE'))`,
      [distributionId, maize],
    );
    expect(wrong[0].n).toBe(0);
    expect(await count('payment_point_id IS NULL')).toBe(0);
    const misplaced = await count(
      `NOT EXISTS (SELECT 1 FROM payment.point_assignment pa WHERE pa.beneficiary_id = goods_entitlement.beneficiary_id)
       AND payment_point_id IS DISTINCT FROM (SELECT p.id FROM payment.payment_point p WHERE p.active AND starts_with(goods_entitlement.area_path, p.area_path) ORDER BY length(p.area_path) DESC, p.code LIMIT 1)`,
    );
    expect(misplaced).toBe(0);
    // the recipient: the primary, else the alternate, else the head, as on a payroll line
    const misdirected = await count(
      `recipient_id IS DISTINCT FROM (SELECT i.id FROM registry.individual i WHERE i.household_id = goods_entitlement.household_id AND i.status = 'ACTIVE' AND (i.recipient_role IN ('PRIMARY', 'ALTERNATE') OR i.relationship = 'HEAD')
         ORDER BY CASE i.recipient_role WHEN 'PRIMARY' THEN 0 WHEN 'ALTERNATE' THEN 1 ELSE 2 END, i.id LIMIT 1)`,
    );
    expect(misdirected).toBe(0);
    expect(await count('recipient_id = $2', [named.id])).toBe(2);
    expect(await count(`household_id = $2 AND recipient_id = (SELECT id FROM registry.individual WHERE household_id = $2 AND relationship = 'HEAD')`, [unnamed.household_id])).toBe(2);
    expect(await count(`payment_point_id = (SELECT id FROM payment.payment_point WHERE code = 'G-NEAR')`)).toBeGreaterThan(0);
    expect(await count(`payment_point_id = (SELECT id FROM payment.payment_point WHERE code = 'G-CLOSED')`)).toBe(0);
    const total = await count('true');
    const again = await as<{ regenerateGoodsDistribution: { id: string } }>('officer', REGENERATE, { input: { distributionId } });
    expect(again.errors).toBeUndefined();
    await api.drainJobs();
    expect(await count('true')).toBe(total);
    expect(await db(`SELECT generation_job_id FROM payment.goods_distribution WHERE id = $1`, [distributionId])).toEqual([{ generation_job_id: again.data!.regenerateGoodsDistribution.id }]);
    const audited = await db<{ inserted: number }>(
      `SELECT (details->>'inserted')::int AS inserted FROM core.audit_log WHERE entity_type = 'GoodsDistribution' AND entity_id = $1 AND details->>'operation' = 'generate' ORDER BY id`,
      [distributionId],
    );
    expect(audited).toEqual([{ inserted: total }, { inserted: 0 }]);
    // one distribution per cycle
    expect((await as('officer', CREATE, { input: { cycleId, code: 'G-2' } })).errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('generates by chunks: a generation killed midway resumes without writing anything twice', async () => {
    const rows = () =>
      db(`SELECT beneficiary_id, item_id, quantity, recipient_id, recipient_name, payment_point_id, area_path FROM payment.goods_entitlement WHERE distribution_id = $1 ORDER BY beneficiary_id, item_id`, [distributionId]);
    const before = await rows();
    const beneficiaries = new Set(before.map((r) => (r as { beneficiary_id: string }).beneficiary_id)).size;
    expect(beneficiaries).toBeGreaterThan(6);
    await db(`DELETE FROM payment.goods_entitlement WHERE distribution_id = $1`, [distributionId]);
    // chunks of 3 beneficiaries; the process dies after the second chunk committed (the check before the third)
    const saved: GoodsGenerationCheckpoint[] = [];
    let checks = 0;
    const context = (checkpoint: GoodsGenerationCheckpoint | null, dieAt: number | null) =>
      ({
        id: 'test', attempt: 1, payload: { distributionId, chunk: 3 }, checkpoint, createdBy: null,
        saveCheckpoint: async (next: GoodsGenerationCheckpoint) => void saved.push(next),
        updateProgress: async () => undefined,
        isCancelled: async () => {
          if (dieAt !== null && ++checks === dieAt) throw new Error('killed');
          return false;
        },
      }) as unknown as JobContext<GoodsGenerationPayload, GoodsGenerationCheckpoint>;
    const goods = api.app.get(GoodsService);
    await expect(goods.runGeneration(context(null, 3))).rejects.toThrow('killed');
    const size = Math.ceil(beneficiaries / Math.max(1, Math.round(beneficiaries / 3)));
    const [{ written }] = await db<{ written: number }>(`SELECT count(DISTINCT beneficiary_id)::int AS written FROM payment.goods_entitlement WHERE distribution_id = $1`, [distributionId]);
    expect(written).toBe(2 * size);
    expect(saved.at(-1)).toMatchObject({ generated: false, inserted: await count('true') });
    const done = await goods.runGeneration(context(saved.at(-1)!, null));
    expect(done).toMatchObject({ generated: true, inserted: before.length, done: beneficiaries });
    // the same rows as one statement over the whole programme wrote
    expect(await rows()).toEqual(before);
  });

  it('refuses approval and a second generation while a generation runs', async () => {
    const [{ job }] = await db<{ job: string }>(`SELECT generation_job_id AS job FROM payment.goods_distribution WHERE id = $1`, [distributionId]);
    await db(`UPDATE core.job SET status = 'RUNNING', lease_owner = 'elsewhere', lease_expires_at = now() + interval '1 hour' WHERE id = $1`, [job]);
    try {
      const early = await as('officer', OP('submitGoodsDistributionForApproval'), { input: { distributionId } }, 'fr');
      expect(early.errors![0].extensions!.code).toBe('CONFLICT');
      expect(early.errors![0].message).toBe('Les droits de la distribution sont encore en cours de génération.');
      expect((await as('officer', REGENERATE, { input: { distributionId } })).errors![0].extensions!.code).toBe('CONFLICT');
      expect((await db<{ status: string }>('SELECT status FROM payment.goods_distribution WHERE id = $1', [distributionId]))[0].status).toBe('DRAFT');
    } finally {
      await db(`UPDATE core.job SET status = 'COMPLETED', lease_owner = NULL, lease_expires_at = NULL WHERE id = $1`, [job]);
    }
  });

  it('shows a restricted user only the entitlements of their areas', async () => {
    const inDistrict = await count('starts_with(area_path, $2)', [district.path]);
    expect(inDistrict).toBeGreaterThan(0);
    expect(inDistrict).toBeLessThan(await count('true'));
    const seen = await as<{ goodsEntitlements: { totalCount: number } }>('viewer', ENTITLEMENTS, { d: distributionId });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.goodsEntitlements.totalCount).toBe(inDistrict);
    const report = await as<{ goodsReconciliationReport: { byArea: { plannedCount: number }[] } }>('viewer', 'query($d: ID!) { goodsReconciliationReport(distributionId: $d) { byArea { key plannedCount } } }', { d: distributionId });
    expect(report.data!.goodsReconciliationReport.byArea.reduce((a, r) => a + r.plannedCount, 0)).toBe(inDistrict);
  });

  it('approves at two levels (maker-checker); an approved distribution cannot change', async () => {
    const [cancelled] = await db<{ id: string }>(`SELECT id FROM payment.goods_entitlement WHERE distribution_id = $1 ORDER BY id LIMIT 1`, [distributionId]);
    expect((await as<{ cancelGoodsEntitlements: number }>('officer', 'mutation($input: GoodsEntitlementsDecisionInput!) { cancelGoodsEntitlements(input: $input) }', { input: { distributionId, entitlementIds: [cancelled.id] } })).data!.cancelGoodsEntitlements).toBe(1);
    expect((await api.graphql(SAVE_FLOW, { input: { operation: 'payment.goods.approve', enabled: true, levels: [{ roles: ['goods_checker1'], policy: 'ANY' }, { roles: ['goods_checker2'], policy: 'ANY' }] } })).errors).toBeUndefined();
    expect((await as<{ submitGoodsDistributionForApproval: { status: string } }>('officer', OP('submitGoodsDistributionForApproval'), { input: { distributionId } })).data!.submitGoodsDistributionForApproval.status).toBe('PENDING_APPROVAL');
    const held = await as('officer', OP('approveGoodsDistribution'), { input: { distributionId } });
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    const pendingId = held.errors![0].extensions!.pendingOperationId as string;
    await as('checker1', APPROVE_OP, { id: pendingId });
    expect((await db<{ status: string }>('SELECT status FROM payment.goods_distribution WHERE id = $1', [distributionId]))[0].status).toBe('PENDING_APPROVAL');
    expect((await as<{ approveOperation: { status: string } }>('checker2', APPROVE_OP, { id: pendingId })).data!.approveOperation.status).toBe('EXECUTED');
    expect((await db<{ status: string }>('SELECT status FROM payment.goods_distribution WHERE id = $1', [distributionId]))[0].status).toBe('APPROVED');
    expect(await count(`status = 'APPROVED'`)).toBe((await count('true')) - 1);
    const [approved] = await db<{ id: string }>(`SELECT id FROM payment.goods_entitlement WHERE distribution_id = $1 AND status = 'APPROVED' LIMIT 1`, [distributionId]);
    await expect(db(`UPDATE payment.goods_entitlement SET quantity = quantity + 1 WHERE id = $1`, [approved.id])).rejects.toThrow(/cannot change/);
    expect((await as('officer', REGENERATE, { input: { distributionId } })).errors![0].extensions!.code).toBe('CONFLICT');
    expect((await as<{ startGoodsDistribution: { status: string } }>('officer', OP('startGoodsDistribution'), { input: { distributionId } })).data!.startGoodsDistribution.status).toBe('IN_PAYMENT');
    expect(await count(`status = 'SUBMITTED'`)).toBe((await count('true')) - 1);
    // one transition row per entitlement and move, from the status it left
    const total = await count('true');
    expect(await db(`SELECT source, from_status, to_status, count(*)::int AS n, count(DISTINCT line_id)::int AS lines FROM payment.line_transition WHERE payroll_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2`, [distributionId])).toEqual([
      { source: 'GOODS:APPROVAL', from_status: 'CREATED', to_status: 'APPROVED', n: total - 1, lines: total - 1 },
      { source: 'GOODS:REVIEW', from_status: 'CREATED', to_status: 'CANCELLED', n: 1, lines: 1 },
      { source: 'GOODS:START', from_status: 'APPROVED', to_status: 'SUBMITTED', n: total - 1, lines: total - 1 },
    ]);
  });

  it('keeps stock per point with a ledger; never below zero; delivery beyond stock or twice is refused', async () => {
    const [e] = await db<{ id: string; quantity: number; payment_point_id: string }>(
      `SELECT id, quantity, payment_point_id FROM payment.goods_entitlement WHERE distribution_id = $1 AND item_id = $2 AND status = 'SUBMITTED' ORDER BY id LIMIT 1`,
      [distributionId, maize],
    );
    const point = e.payment_point_id;
    const stock = async () => (await db<{ quantity: number }>(`SELECT quantity FROM payment.goods_stock WHERE payment_point_id = $1 AND item_id = $2`, [point, maize]))[0]?.quantity ?? 0;
    expect((await as<{ receiveGoodsStock: { quantity: number } }>('officer', RECEIVE, { input: { paymentPointId: point, itemId: maize, quantity: e.quantity - 1, reference: 'WB-1' } })).data!.receiveGoodsStock.quantity).toBe(e.quantity - 1);
    const below = await as('officer', ADJUST, { input: { paymentPointId: point, itemId: maize, quantity: -e.quantity, reason: 'count' } }, 'fr');
    expect(below.errors![0].extensions!.code).toBe('CONFLICT');
    expect(below.errors![0].message).toContain('négatif');
    expect((await as('officer', RECEIVE, { input: { paymentPointId: point, itemId: maize, quantity: -3 } })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const delivery = { clientId: randomUUID(), entitlementId: e.id, deliveredAt: new Date(Date.now() - 3_600_000).toISOString(), latitude: -4.3, longitude: 15.3, receiptNumber: 'R-1' };
    // a time ahead of the server's clock (beyond 10 minutes) is the field's error, before anything else
    const ahead = await as('officer', DELIVER, { input: { ...delivery, clientId: randomUUID(), deliveredAt: '2099-01-01T00:00:00Z' } }, 'pt');
    expect(ahead.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'deliveredAt', message: 'A hora da entrega está no futuro: verifique a data e a hora do dispositivo.' }] });
    const short = await as('officer', DELIVER, { input: delivery }, 'pt');
    expect(short.errors![0].extensions!.code).toBe('CONFLICT');
    expect(short.errors![0].message).toContain('Stock insuficiente');
    expect(await stock()).toBe(e.quantity - 1);
    expect((await db<{ status: string }>(`SELECT status FROM payment.goods_entitlement WHERE id = $1`, [e.id]))[0].status).toBe('SUBMITTED');

    await as('officer', RECEIVE, { input: { paymentPointId: point, itemId: maize, quantity: 10, reference: 'WB-2' } });
    const ok = await as<{ recordGoodsDelivery: { status: string } }>('officer', DELIVER, { input: delivery });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordGoodsDelivery.status).toBe('ACCEPTED');
    expect(await stock()).toBe(9);
    // the same delivery again: nothing changes; another delivery of the same entitlement: refused
    expect((await as<{ recordGoodsDelivery: { status: string } }>('officer', DELIVER, { input: delivery })).data!.recordGoodsDelivery.status).toBe('DUPLICATE');
    const twice = await as('officer', DELIVER, { input: { ...delivery, clientId: randomUUID() } });
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await stock()).toBe(9);
    const ledger = await as<{ goodsStockMovements: { items: { kind: string; quantity: number; balance: number }[] } }>('officer', 'query($p: ID!, $i: ID) { goodsStockMovements(paymentPointId: $p, itemId: $i) { items { kind quantity balance } nextCursor } }', { p: point, i: maize });
    expect(ledger.data!.goodsStockMovements.items).toEqual([
      { kind: 'DELIVERY', quantity: -e.quantity, balance: 9 },
      { kind: 'RECEIPT', quantity: 10, balance: e.quantity + 9 },
      { kind: 'RECEIPT', quantity: e.quantity - 1, balance: e.quantity - 1 },
    ]);
    const evidence = await db<{ receipt_number: string; latitude: string; source: string }>(`SELECT receipt_number, latitude::text, source FROM payment.delivery WHERE entitlement_id = $1`, [e.id]);
    expect(evidence).toEqual([{ receipt_number: 'R-1', latitude: '-4.300000', source: 'WEB' }]);
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE line_id = $1 AND to_status = 'PAID'`, [e.id]))[0].n).toBe(1);
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'PaymentDelivery'`))[0].n).toBe(1);

    // planned vs delivered, then reconciliation: delivered → RECONCILED; the distribution waits for the rest
    const report = await as<{ goodsReconciliationReport: { byPaymentPoint: { deliveredCount: number; deliveredQuantity: number; deliveredValueMinor: string }[] } }>(
      'officer', 'query($d: ID!) { goodsReconciliationReport(distributionId: $d) { byPaymentPoint { key deliveredCount deliveredQuantity deliveredValueMinor } } }', { d: distributionId },
    );
    const delivered = report.data!.goodsReconciliationReport.byPaymentPoint.filter((r) => r.deliveredCount > 0);
    expect(delivered).toEqual([expect.objectContaining({ deliveredCount: 1, deliveredQuantity: e.quantity, deliveredValueMinor: String(e.quantity * 95) })]);
    expect((await as<{ reconcileGoodsDistribution: { status: string } }>('officer', OP('reconcileGoodsDistribution'), { input: { distributionId } })).data!.reconcileGoodsDistribution.status).toBe('IN_PAYMENT');
    expect((await db<{ status: string }>(`SELECT status FROM payment.goods_entitlement WHERE id = $1`, [e.id]))[0].status).toBe('RECONCILED');
    await expect(db(`UPDATE payment.goods_stock SET quantity = -1 WHERE payment_point_id = $1 AND item_id = $2`, [point, maize])).rejects.toThrow(/check/);
  });
  it('generates an individual programme: each person receives their own entitlement, one member each', async () => {
    const [{ id: program }] = await db<{ id: string }>(
      `INSERT INTO programs.program (code, name, target_unit, coverage_area_ids, coverage_paths, currency, status)
       VALUES ('IND-GOODS', '{"en":"Per person"}', 'INDIVIDUAL', ARRAY[$1::uuid], ARRAY[$2], 'USD', 'ACTIVE') RETURNING id`,
      [district.id, district.path],
    );
    await db(
      `INSERT INTO programs.beneficiary (program_id, individual_id, area_id, area_path, status, enrolled_on)
       SELECT $1, i.id, h.area_id, h.area_path, CASE WHEN row_number() OVER (ORDER BY i.id) = 1 THEN 'SUSPENDED' ELSE 'ACTIVE' END, '2026-01-01'
         FROM registry.individual i JOIN registry.household h ON h.id = i.household_id WHERE starts_with(h.area_path, $2)`,
      [program, district.path],
    );
    // someone assigned to a point by hand, whatever their area
    const [assigned] = await db<{ id: string }>(`SELECT id FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' ORDER BY id DESC LIMIT 1`, [program]);
    const [{ id: far }] = await db<{ id: string }>(`SELECT id FROM payment.payment_point WHERE active AND NOT starts_with($1, area_path) AND NOT starts_with(area_path, $1) ORDER BY code LIMIT 1`, [district.path]);
    await db(`INSERT INTO payment.point_assignment (beneficiary_id, payment_point_id) VALUES ($1, $2)`, [assigned.id, far]);
    const [{ id: cycle }] = await db<{ id: string }>(
      `INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, 'IND-GOODS-C', 'Per person', '2026-12', '2026-12-15', 'USD', $2, $3) RETURNING id`,
      [program, district.id, district.path],
    );
    expect((await as('officer', SAVE_RULES, { input: { programId: program, rules: [{ itemId: maize, perHousehold: 1, perMember: 3, memberCap: 2 }, { itemId: oil, perHousehold: 0, perMember: 2 }] } })).errors).toBeUndefined();
    const created = await as<{ createGoodsDistribution: { id: string } }>('officer', CREATE, { input: { cycleId: cycle, code: 'IND-G' } });
    expect(created.errors).toBeUndefined();
    await api.drainJobs();
    const id = created.data!.createGoodsDistribution.id;
    const expected = await db<Record<string, unknown>>(
      `SELECT b.id AS beneficiary_id, x.item_id, x.quantity, i.id AS recipient_id, i.given_name || ' ' || i.family_name AS recipient_name, NULL AS household_id,
              coalesce((SELECT pa.payment_point_id FROM payment.point_assignment pa WHERE pa.beneficiary_id = b.id),
                       (SELECT p.id FROM payment.payment_point p WHERE p.active AND starts_with(b.area_path, p.area_path) ORDER BY length(p.area_path) DESC, p.code LIMIT 1)) AS payment_point_id
         FROM programs.beneficiary b JOIN registry.individual i ON i.id = b.individual_id
         CROSS JOIN (VALUES ($2::uuid, 4), ($3::uuid, 2)) x(item_id, quantity)
        WHERE b.program_id = $1 AND b.status = 'ACTIVE' ORDER BY b.id, x.item_id`,
      [program, maize, oil],
    );
    expect(expected.length).toBeGreaterThan(4);
    const written = await db(
      `SELECT beneficiary_id, item_id, quantity, recipient_id, recipient_name, household_id, payment_point_id FROM payment.goods_entitlement WHERE distribution_id = $1 ORDER BY beneficiary_id, item_id`,
      [id],
    );
    expect(written).toEqual(expected);
    expect(written.filter((r) => (r as { payment_point_id: string }).payment_point_id === far).length).toBe(2);
  });
});
