import ExcelJS from 'exceljs';
import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import { paymentDefinition } from '../payment.definition';

jest.setTimeout(180_000);

const PASSWORD = 'Payments#2026-test!';
const HOUSEHOLD_PAYMENTS = 'query($id: ID!) { householdPayments(householdId: $id) { lineId payrollCode cycleName amountMinor currency status } }';

/** The reconciliation report files of a payroll and the household Payments tab: permission and area scope. */
describe('payroll reconciliation report files and household payments', () => {
  let api: TestApi;
  let payrollId: string;
  let district: { id: string; path: string };
  const tokens: Record<string, string> = {};
  const db = <T>(query: string, params: unknown[] = []) => sql<T>(api.databaseUrl, query, params);
  const download = (id: string, format: string, token: string | null, lang = 'en') =>
    fetch(`${api.url}/api/payment/payrolls/${id}/reconciliation-report?format=${format}`, { headers: { 'x-lang': lang, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition], { DEMO_DATA: 'true' });
    const [cycle] = await db<{ id: string; area_id: string }>(`SELECT id, area_id FROM payment.cycle WHERE code = 'DEMO-CG-2026-12'`);
    const created = await api.graphql<{ createPayroll: { id: string } }>('mutation($input: CreatePayrollInput!) { createPayroll(input: $input) { id } }', { input: { cycleId: cycle.id, code: 'REPORT-1' } });
    expect(created.errors).toBeUndefined();
    payrollId = created.data!.createPayroll.id;
    await api.drainJobs();
    // some lines paid, one failed: the report's three figures differ
    await db(`UPDATE payment.payroll_line SET status = 'PAID' WHERE id IN (SELECT id FROM payment.payroll_line WHERE payroll_id = $1 ORDER BY id LIMIT 3)`, [payrollId]);
    await db(`UPDATE payment.payroll_line SET status = 'FAILED' WHERE id IN (SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status <> 'PAID' ORDER BY id LIMIT 1)`, [payrollId]);
    // a district holding some of the lines but not all: the restricted viewer's area
    district = (
      await db<{ id: string; path: string }>(
        `SELECT a.id, a.path FROM geo.admin_area a WHERE a.parent_id = $1
         ORDER BY (SELECT count(*) FROM payment.payroll_line l WHERE l.payroll_id = $2 AND starts_with(l.area_path, a.path)) DESC, a.code LIMIT 1`,
        [cycle.area_id, payrollId],
      )
    )[0];
    const roles: Record<string, string[]> = { report_viewer: ['payment.view'], report_outsider: ['registry.view'] };
    for (const [code, permissions] of Object.entries(roles)) {
      expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    }
    for (const [name, role, areas] of [['viewer', 'report_viewer', null], ['district', 'report_viewer', [district.id]], ['outsider', 'report_outsider', null]] as const) {
      await api.createUser(`r_${name}`, PASSWORD, role, areas ? [...areas] : null);
      tokens[name] = (await api.login(`r_${name}`, PASSWORD)).accessToken;
    }
  });

  afterAll(() => api?.stop());

  const totals = async (scope: string | null) =>
    (
      await db<{ planned: string; paid: string; failed: string; lines: number }>(
        `SELECT coalesce(sum(amount_minor) FILTER (WHERE status <> 'CANCELLED'), 0)::text AS planned, coalesce(sum(amount_minor) FILTER (WHERE status = 'PAID'), 0)::text AS paid,
                coalesce(sum(amount_minor) FILTER (WHERE status = 'FAILED'), 0)::text AS failed, count(*) FILTER (WHERE status <> 'CANCELLED')::int AS lines
         FROM payment.payroll_line WHERE payroll_id = $1 AND ($2::text IS NULL OR starts_with(area_path, $2))`,
        [payrollId, scope],
      )
    )[0];
  const minorOf = (value: unknown) => Math.round(Number(value) * 100).toString();

  it('writes the XLSX report with the planned, paid and failed totals to the cent, in the reader\'s language', async () => {
    const response = await download(payrollId, 'xlsx', tokens.viewer, 'fr');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('reconciliation-REPORT-1.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Rapport de rapprochement', 'Par zone', 'Par point de paiement']);
    const summary = workbook.worksheets[0];
    expect(summary.getRow(1).values).toEqual([undefined, 'Liste de paie', 'REPORT-1']);
    const expected = await totals(null);
    const total = summary.getRow(8).values as unknown[];
    expect([total[3], minorOf(total[4]), total[5], minorOf(total[6]), total[7], minorOf(total[8])]).toEqual([expected.lines, expected.planned, 3, expected.paid, 1, expected.failed]);
    expect(Number(expected.paid)).toBeGreaterThan(0);
  });

  it('writes the PDF report', async () => {
    const response = await download(payrollId, 'pdf', tokens.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const content = Buffer.from(await response.arrayBuffer());
    expect(content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(content.length).toBeGreaterThan(2000);
  });

  it('counts only the lines of a restricted reader\'s areas', async () => {
    const response = await download(payrollId, 'xlsx', tokens.district);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const total = workbook.worksheets[0].getRow(8).values as unknown[];
    const inDistrict = await totals(district.path);
    expect(inDistrict.lines).toBeLessThan((await totals(null)).lines);
    expect([total[3], minorOf(total[4])]).toEqual([inDistrict.lines, inDistrict.planned]);
  });

  it('refuses without the permission, out of scope, and a bad format with a translated 4xx', async () => {
    expect((await download(payrollId, 'pdf', null)).status).toBe(401);
    expect((await download(payrollId, 'pdf', tokens.outsider)).status).toBe(403);
    // a payroll outside the reader's areas does not exist for them
    await db(`UPDATE payment.payroll SET area_path = $2 WHERE id = $1`, [payrollId, '/elsewhere/']);
    try {
      expect((await download(payrollId, 'pdf', tokens.district)).status).toBe(404);
    } finally {
      await db(`UPDATE payment.payroll p SET area_path = c.area_path FROM payment.cycle c WHERE c.id = p.cycle_id AND p.id = $1`, [payrollId]);
    }
    const bad = await download(payrollId, 'docx', tokens.viewer, 'pt');
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe('Escolha o formato do relatório: xlsx ou pdf.');
  });

  it('lists a household\'s payments within the reader\'s areas', async () => {
    const inside = (await db<{ household_id: string }>(`SELECT household_id FROM payment.payroll_line WHERE payroll_id = $1 AND starts_with(area_path, $2) LIMIT 1`, [payrollId, district.path]))[0].household_id;
    const outside = (await db<{ household_id: string }>(`SELECT household_id FROM payment.payroll_line WHERE payroll_id = $1 AND NOT starts_with(area_path, $2) LIMIT 1`, [payrollId, district.path]))[0].household_id;
    const mine = await api.graphql<{ householdPayments: { payrollCode: string; cycleName: string; currency: string }[] }>(HOUSEHOLD_PAYMENTS, { id: inside }, { token: tokens.district });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.householdPayments).toEqual([expect.objectContaining({ payrollCode: 'REPORT-1', cycleName: 'Child grant, December 2026', currency: 'USD' })]);
    const other = await api.graphql<{ householdPayments: unknown[] }>(HOUSEHOLD_PAYMENTS, { id: outside }, { token: tokens.district });
    expect(other.data!.householdPayments).toEqual([]);
    expect((await api.graphql(HOUSEHOLD_PAYMENTS, { id: outside }, { token: tokens.viewer })).data!.householdPayments).toHaveLength(1);
    expect((await api.graphql(HOUSEHOLD_PAYMENTS, { id: inside }, { token: tokens.outsider })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('shows on the household page its members\' payments in a per-person programme (their lines name the person, not the household)', async () => {
    const [member] = await db<{ id: string; household_id: string; area_id: string; area_path: string; name: string }>(
      `SELECT i.id, i.household_id, h.area_id, h.area_path, i.given_name || ' ' || i.family_name AS name
         FROM registry.individual i JOIN registry.household h ON h.id = i.household_id WHERE starts_with(h.area_path, $1) ORDER BY i.id LIMIT 1`,
      [district.path],
    );
    const one = async (query: string, params: unknown[]) => (await db<{ id: string }>(query, params))[0].id;
    const program = await one(
      `INSERT INTO programs.program (code, name, target_unit, coverage_area_ids, coverage_paths, currency, status)
       VALUES ('PENSION', '{"en":"Old-age pension"}', 'INDIVIDUAL', ARRAY[$1::uuid], ARRAY[$2], 'USD', 'ACTIVE') RETURNING id`,
      [member.area_id, member.area_path],
    );
    const beneficiary = await one(`INSERT INTO programs.beneficiary (program_id, individual_id, area_id, area_path, status, enrolled_on) VALUES ($1, $2, $3, $4, 'ACTIVE', '2026-01-01') RETURNING id`, [program, member.id, member.area_id, member.area_path]);
    const cycle = await one(`INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, 'PENSION-2026-12', 'Pension, December 2026', '2026-12', '2026-12-20', 'USD', $2, $3) RETURNING id`, [program, member.area_id, member.area_path]);
    const rules = await one(`INSERT INTO payment.benefit_rule_set (program_id, rule_version, rules) VALUES ($1, 1, '{}') RETURNING id`, [program]);
    const payroll = await one(`INSERT INTO payment.payroll (cycle_id, program_id, code, rule_set_id, area_id, area_path) VALUES ($1, $2, 'PENSION-1', $3, $4, $5) RETURNING id`, [cycle, program, rules, member.area_id, member.area_path]);
    await db(
      `INSERT INTO payment.payroll_line (payroll_id, cycle_id, program_id, beneficiary_id, attempt, individual_id, recipient_id, recipient_name, area_id, area_path, period, currency, amount_minor, rule_version, components)
       VALUES ($1, $2, $3, $4, 1, $5, $5, $6, $7, $8, '2026-12', 'USD', 2500, 1, '[]')`,
      [payroll, cycle, program, beneficiary, member.id, member.name, member.area_id, member.area_path],
    );
    const shown = await api.graphql<{ householdPayments: { payrollCode: string; cycleName: string; amountMinor: string }[] }>(HOUSEHOLD_PAYMENTS, { id: member.household_id }, { token: tokens.district });
    expect(shown.errors).toBeUndefined();
    expect(shown.data!.householdPayments).toEqual(expect.arrayContaining([expect.objectContaining({ payrollCode: 'PENSION-1', cycleName: 'Pension, December 2026', amountMinor: '2500' })]));
    // and not on another household's page
    const [{ other }] = await db<{ other: string }>(`SELECT id AS other FROM registry.household WHERE id <> $1 ORDER BY id LIMIT 1`, [member.household_id]);
    const elsewhere = await api.graphql<{ householdPayments: { payrollCode: string }[] }>(HOUSEHOLD_PAYMENTS, { id: other }, { token: tokens.viewer });
    expect(elsewhere.data!.householdPayments.map((p) => p.payrollCode)).not.toContain('PENSION-1');

    // the person page: their own programme's line, and the household lines they received
    const PERSON = 'query($id: ID!) { individualPayments(individualId: $id) { payrollCode amountMinor } }';
    const own = await api.graphql<{ individualPayments: { payrollCode: string }[] }>(PERSON, { id: member.id }, { token: tokens.district });
    expect(own.errors).toBeUndefined();
    expect(own.data!.individualPayments.map((p) => p.payrollCode)).toContain('PENSION-1');
    const [received] = await db<{ recipient_id: string; inside: boolean }>(
      `SELECT recipient_id, starts_with(area_path, $2) AS inside FROM payment.payroll_line WHERE payroll_id = $1 AND recipient_id IS NOT NULL ORDER BY starts_with(area_path, $2), id LIMIT 1`,
      [payrollId, district.path],
    );
    expect(received.inside).toBe(false);
    const theirs = await api.graphql<{ individualPayments: { payrollCode: string }[] }>(PERSON, { id: received.recipient_id }, { token: tokens.viewer });
    expect(theirs.data!.individualPayments.map((p) => p.payrollCode)).toEqual(['REPORT-1']);
    // outside the district: nothing
    expect((await api.graphql<{ individualPayments: unknown[] }>(PERSON, { id: received.recipient_id }, { token: tokens.district })).data!.individualPayments).toEqual([]);
    expect((await api.graphql(PERSON, { id: member.id }, { token: tokens.outsider })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
