import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { freePort, sql, startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, CHECKER, graphql, OFFICER, signIn, signOut } from './session';
import { chooseOption, dialogFocused, openDialog, pickArea, submitDialog, waitForCount } from './choose';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];
/** The demo credentials the payment module's fake providers print (run-fake-providers.ts). */
const MOMO = { apiUser: 'demo-api-user', apiKey: 'demo-api-key', subscriptionKey: 'demo-subscription-key', targetEnvironment: 'sandbox' };
const WORKSPACE = resolve(__dirname, '../../..');

/**
 * The payment module's fake providers (written from each provider's public API documentation) in a process of
 * their own, as for demos: the browser test reaches the module only through the running system.
 */
async function startFakeProviders(): Promise<{ momoUrl: string; stop: () => Promise<void> }> {
  const [momo, mpesa, phee] = [await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, [resolve(WORKSPACE, 'tools/scripts/run-ts.mjs'), 'libs/payment/server/src/providers/testing/run-fake-providers.ts'], {
    cwd: WORKSPACE,
    env: { ...process.env, FAKE_MOMO_PORT: String(momo), FAKE_MPESA_PORT: String(mpesa), FAKE_PHEE_PORT: String(phee), FAKE_MOMO_CURRENCY: 'USD', FAKE_SETTLE_MS: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`fake providers not ready:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('READY')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => fail(new Error(`fake providers exited with ${code}:\n${output}`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { momoUrl: `http://127.0.0.1:${momo}`, stop };
}
const PAYROLL = 'PAY-E2E-1';
/** Outside the series of one number per person below (+25677…), which once gave a third person this number. */
const SHARED_PHONE = '+256789999999';

/**
 * The end-to-end story in the browser: a payroll generated for the demo child grant, a flagged line
 * released (the other one cancelled with a reason), approval at two levels by two people in the approvals inbox,
 * payment through the fake MTN MoMo server, callbacks settling every line, and the reconciliation report downloaded.
 */
describe('payments in the browser', () => {
  let server: TestServer;
  let momo: { momoUrl: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let payrollId: string;
  let planned: { lines: number; minor: string };
  /** The two households given one phone number. */
  let pair: string[] = [];
  const db = <T>(query: string, params: unknown[] = []) => sql<T>(server.databaseUrl, query, params);
  const text = async (testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    momo = await startFakeProviders();
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    // one mobile number per person, then two households sharing one: their lines are flagged
    await db(`WITH n AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM registry.individual)
              UPDATE registry.individual i SET phones = ARRAY['+25677' || lpad(n.k::text, 7, '0')] FROM n WHERE n.id = i.id`);
    const [program] = await db<{ id: string }>(`SELECT id FROM programs.program WHERE code = 'DEMO-CG'`);
    pair = (await db<{ household_id: string }>(`SELECT household_id FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' ORDER BY id LIMIT 2`, [program.id])).map((p) => p.household_id);
    await db(`UPDATE registry.individual SET phones = ARRAY[$2] WHERE household_id = ANY($1::uuid[])`, [pair, SHARED_PHONE]);
    // the two checkers of the demo (programme officers) may read and approve payrolls
    await db(`UPDATE core.role SET permissions = permissions || ARRAY['payment.view', 'payment.approve'] WHERE code = 'programme_officer'`);
    await signIn(page, server.baseUrl, ADMIN);
    const flow = await graphql(page, 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', {
      input: { operation: 'payment.payrolls.approve', enabled: true, levels: [{ roles: ['programme_officer'], policy: 'ANY' }, { roles: ['programme_officer'], policy: 'ANY' }] },
    });
    expect(flow.errors).toBeUndefined();
    const account = await graphql(page, 'mutation($input: CreateProviderAccountInput!) { createPaymentProviderAccount(input: $input) { id } }', {
      input: {
        code: 'MOMO-E2E',
        name: 'MTN MoMo (fake)',
        kind: 'MTN_MOMO',
        baseUrl: momo.momoUrl,
        currency: 'USD',
        timeoutMs: 5000,
        credentials: Object.entries({ apiUser: MOMO.apiUser, apiKey: MOMO.apiKey, subscriptionKey: MOMO.subscriptionKey, targetEnvironment: MOMO.targetEnvironment }).map(([key, value]) => ({ key, value })),
      },
    });
    expect(account.errors).toBeUndefined();
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await momo?.stop();
  });

  it('generates a payroll for the demo programme and shows its lines with their amount components', async () => {
    await page.goto(`${server.baseUrl}/payment`);
    await page.getByTestId('cycle-row-DEMO-CG-2026-12').click();
    await openDialog(page, 'payroll-create');
    await page.getByTestId('payroll-form-code').fill(PAYROLL);
    await page.getByTestId('payroll-form-provider').click();
    await page.getByTestId('payroll-provider-MOMO-E2E').click();
    await page.getByTestId('payroll-form-save').click();
    await page.getByTestId('payroll-code').waitFor();
    payrollId = new URL(page.url()).pathname.split('/').at(-1)!;
    // the generation job runs in the background; the page follows it, then shows the two flagged lines
    await page.getByTestId('payroll-flagged-notice').waitFor({ timeout: 180_000 });
    const flags = await db<{ household_id: string; flags: string[]; phone: string | null; document_number: string | null }>(
      `SELECT household_id, flags, phone, document_number FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'FLAGGED' ORDER BY household_id`,
      [payrollId],
    );
    // only the two households given one phone are flagged (the message shows what else was, if anything)
    expect(flags.map((f) => `${f.household_id} ${f.phone}`)).toEqual(pair.map((p) => `${p} ${SHARED_PHONE}`).sort());
    expect(await text('payroll-flagged-notice')).toContain('2 flagged line(s)');
    expect(await text('payroll-status')).toBe('Draft');
    const lines = await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1`, [payrollId]);
    expect(lines[0].n).toBeGreaterThan(2);
    expect(await page.getByTestId('lines-table').locator('tbody tr').count()).toBe(Math.min(lines[0].n, 50));
    expect(await page.getByTestId('lines-table').textContent()).toContain('Base (per member)');
    await shot('payroll-lines-en');
  }, 300_000);

  it('releases one flagged line and cancels the other with a reason', async () => {
    await chooseOption(page, 'lines-status', 'Flagged');
    const flagged = page.getByTestId('lines-table').locator('tbody tr');
    // the unfiltered page also shows the flagged lines: wait for the filter's own answer
    await waitForCount(flagged, 2);
    expect(await flagged.first().textContent()).toContain('Same phone on another line');
    await shot('payroll-flagged-en');
    const [first, second] = await db<{ id: string }>(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'FLAGGED' ORDER BY id`, [payrollId]);

    await page.getByTestId(`line-row-${first.id}-select`).click();
    await openDialog(page, 'lines-release');
    await page.getByTestId('line-decision-reason').fill('Two sisters share the phone: checked by phone call.');
    await shot('payroll-release-dialog-en');
    await page.getByTestId('line-decision-submit').click();
    await page.getByTestId(`line-row-${first.id}`).waitFor({ state: 'detached' });

    await page.getByTestId(`line-row-${second.id}-select`).click();
    await page.getByTestId('lines-cancel').click();
    // a cancellation needs a reason: the dialog says so before anything is sent
    await page.getByTestId('line-decision-submit').click();
    await page.locator('mat-error').first().waitFor();
    await page.getByTestId('line-decision-reason').fill('Moved out of the district.');
    await page.getByTestId('line-decision-submit').click();
    await page.getByTestId('payroll-flagged-notice').waitFor({ state: 'detached' });

    const statuses = await db<{ id: string; status: string; flags: string[] }>(`SELECT id, status, flags FROM payment.payroll_line WHERE id = ANY($1::uuid[]) ORDER BY id`, [[first.id, second.id]]);
    expect(statuses.map((s) => s.status)).toEqual(['CREATED', 'CANCELLED']);
    expect(statuses[0].flags).toContain('SHARED_PHONE');
    const reasons = await db<{ reason: string }>(`SELECT reason FROM payment.line_transition WHERE line_id = $1 ORDER BY id DESC LIMIT 1`, [second.id]);
    expect(reasons[0].reason).toBe('Moved out of the district.');
  }, 90_000);

  it('submits the payroll; approving it is held for two levels of the approvals inbox', async () => {
    await page.getByTestId('payroll-submit').click();
    await page.locator('[data-testid="payroll-status"][data-status="PENDING_APPROVAL"]').waitFor();
    await page.getByTestId('payroll-approve').click();
    await page.getByText('was sent for approval').waitFor();
    expect(await text('payroll-status')).toBe('Pending approval');
    const [totals] = await db<{ lines: number; minor: string }>(`SELECT count(*)::int AS lines, sum(amount_minor)::text AS minor FROM payment.payroll_line WHERE payroll_id = $1 AND status <> 'CANCELLED'`, [payrollId]);
    planned = totals;
  }, 60_000);

  for (const [level, account] of [[1, CHECKER], [2, OFFICER]] as const) {
    it(`approves it at level ${level} as ${account.username}, reading what the payroll holds`, async () => {
      await signOut(page);
      await signIn(page, server.baseUrl, account, true);
      const [pending] = await db<{ id: string }>(`SELECT id FROM core.pending_operation WHERE operation = 'payment.payrolls.approve' AND status = 'PENDING'`);
      await page.getByTestId('nav-admin-approvals').click();
      const request = page.getByTestId(`approval-request-${pending.id}`);
      await request.waitFor();
      // the approval-detail renderer names the payroll: code, status, cycle, lines and amount
      const field = request.locator('[data-field$="payrollId"]');
      await field.filter({ hasText: PAYROLL }).waitFor();
      expect(await field.textContent()).toContain(`${planned.lines} line(s)`);
      expect(await field.textContent()).toContain('Child grant, December 2026');
      await shot(`payroll-approval-level${level}-en`);
      if (level === 2) {
        // the renderer's text in the other languages
        for (const lang of ['fr', 'pt', 'en'] as const) {
          await page.getByTestId(`lang-${lang}`).click();
          await field.filter({ hasText: lang === 'fr' ? 'En attente d’approbation' : lang === 'pt' ? 'A aguardar aprovação' : 'Pending approval' }).waitFor();
          if (lang !== 'en') await shot(`payroll-approval-level2-${lang}`);
        }
      }
      await request.getByTestId('approval-approve').click();
      await dialogFocused(page);
      await page.getByTestId('decision-text').fill(level === 1 ? 'Lines checked against the enrolment list.' : 'Budget available.');
      await page.getByTestId('decision-submit').click();
      await page.getByTestId('approval-outcome').waitFor();
      await page.getByTestId(`approval-request-${pending.id}`).waitFor({ state: 'detached' });
      const [payroll] = await db<{ status: string }>(`SELECT status FROM payment.payroll WHERE id = $1`, [payrollId]);
      expect(payroll.status).toBe(level === 1 ? 'PENDING_APPROVAL' : 'APPROVED');
    }, 90_000);
  }

  it('pays it through the fake MoMo provider; the callbacks settle every line', async () => {
    await signOut(page);
    await signIn(page, server.baseUrl, ADMIN, true);
    await page.goto(`${server.baseUrl}/payment/payrolls/${payrollId}`);
    await page.locator('[data-testid="payroll-status"][data-status="APPROVED"]').waitFor();
    await page.getByTestId('payroll-pay').click();
    await page.getByTestId('confirm-ok').click();
    // the page follows the payment job, then the lines until the provider's callbacks settled them all
    await page.getByTestId('payroll-count-PAID').filter({ hasText: new RegExp(`: ${planned.lines}$`) }).waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('payroll-count-SUBMITTED').count()).toBe(0);
    // each line was sent once under its own reference and settled once, from SUBMITTED to PAID by a callback
    const settled = await db<{ lines: number; references: number; paid: number; submitted: number }>(
      `SELECT count(*)::int AS lines, count(DISTINCT provider_reference)::int AS references,
              (SELECT count(*)::int FROM payment.line_transition t WHERE t.payroll_id = $1 AND t.to_status = 'PAID') AS paid,
              (SELECT count(*)::int FROM payment.line_transition t WHERE t.payroll_id = $1 AND t.to_status = 'SUBMITTED') AS submitted
       FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'PAID'`,
      [payrollId],
    );
    expect(settled[0]).toEqual({ lines: planned.lines, references: planned.lines, paid: planned.lines, submitted: planned.lines });
    expect(await text('payroll-status')).toBe('In payment');
    await shot('payroll-paid-en');
  }, 150_000);

  it('shows the reconciliation dashboard and downloads the report as XLSX and PDF', async () => {
    await page.getByRole('tab', { name: 'Reconciliation' }).click();
    await page.locator('[data-testid="reconciliation-chart-byArea"][data-ready="true"]').waitFor();
    const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(Number(planned.minor) / 100);
    expect(await text('reconciliation-planned')).toBe(money);
    expect(await text('reconciliation-paid')).toBe(money);
    expect(await text('reconciliation-paid-count')).toBe(`${planned.lines} line(s)`);
    expect(await text('reconciliation-failed')).toBe('$0.00');
    expect(await page.getByTestId('reconciliation-chart-byArea').locator('svg').count()).toBe(1);
    await shot('payroll-reconciliation-en');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reconciliation-download-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`reconciliation-${PAYROLL}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await xlsx.path())!)) as never);
    const total = workbook.worksheets[0].getRow(8).values as unknown[];
    expect([total[3], Math.round(Number(total[4]) * 100).toString(), total[5], Math.round(Number(total[6]) * 100).toString()]).toEqual([planned.lines, planned.minor, planned.lines, planned.minor]);

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reconciliation-download-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`reconciliation-${PAYROLL}.pdf`);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);

  it('shows the payment on the household page', async () => {
    const [line] = await db<{ household_id: string }>(`SELECT household_id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'PAID' ORDER BY id LIMIT 1`, [payrollId]);
    await page.goto(`${server.baseUrl}/registry/households/${line.household_id}`);
    await page.getByTestId('household-payments-tab').click();
    await page.getByTestId(`household-payment-${PAYROLL}`).waitFor();
    expect(await text(`household-payment-${PAYROLL}`)).toContain('Paid');
    await shot('household-payments-en');
  }, 60_000);

  it("shows the payment on its recipient's page", async () => {
    const [line] = await db<{ recipient_id: string }>(`SELECT recipient_id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'PAID' ORDER BY id LIMIT 1`, [payrollId]);
    await page.goto(`${server.baseUrl}/registry/individuals/${line.recipient_id}`);
    await page.getByTestId('individual-payments-tab').click();
    await page.getByTestId(`individual-payment-${PAYROLL}`).waitFor();
    expect(await text(`individual-payment-${PAYROLL}`)).toContain('Paid');
    await shot('individual-payments-en');
  }, 60_000);

  it('creates and edits a payment point', async () => {
    await page.goto(`${server.baseUrl}/payment/points`);
    await openDialog(page, 'point-create');
    await page.getByTestId('point-form-code').fill('PP-E2E');
    await page.getByTestId('point-form-name').fill('Market agent');
    await pickArea(page, 'point-form-area', 'DL-01');
    await page.getByTestId('point-form-latitude').fill('0.347596');
    await page.getByTestId('point-form-longitude').fill('32.582520');
    await page.getByTestId('point-day-SAT').click();
    await shot('points-form-en');
    await submitDialog(page, 'point-form-save');
    await page.getByTestId('point-row-PP-E2E').waitFor();
    expect(await text('point-row-PP-E2E')).toContain('0.347596, 32.58252');
    await openDialog(page, 'point-edit-PP-E2E');
    await page.getByTestId('point-form-name').fill('Market agent (north gate)');
    await submitDialog(page, 'point-form-save');
    await page.getByTestId('point-row-PP-E2E').filter({ hasText: 'north gate' }).waitFor();
    const [point] = await db<{ opening_days: string[]; latitude: string }>(`SELECT opening_days, latitude::text FROM payment.payment_point WHERE code = 'PP-E2E'`);
    expect(point.opening_days).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']);
    expect(point.latitude).toBe('0.347596');
  }, 60_000);

  it('reconciles the paid lines from the bank file: columns recognised, rows checked first, the bad row reported, the rest applied', async () => {
    const paid = await db<{ id: string; amount_minor: string }>(`SELECT id, amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'PAID' ORDER BY id`, [payrollId]);
    expect(paid.length).toBeGreaterThan(0);
    const csv = ['Transaction ID;Amount paid;Receipt number', ...paid.map((l, i) => `${l.id};${l.amount_minor};BANK-${i}`), 'unknown-line;500;BANK-X'].join('\n');
    await page.goto(`${server.baseUrl}/payment/payrolls/${payrollId}`);
    await openDialog(page, 'payroll-reconcile-file');
    await page.getByTestId('reconcile-file-input').setInputFiles({ name: 'bank-statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('reconcile-sample').waitFor();
    // the columns were recognised by their names
    expect(await text('reconcile-map-reference')).toBe('Transaction ID');
    expect(await text('reconcile-map-amount')).toBe('Amount paid');
    expect(await text('reconcile-map-receipt')).toBe('Receipt number');
    await page.getByTestId('reconcile-check').click();
    await page.getByTestId('reconcile-error-' + (paid.length + 1)).waitFor();
    expect(await text('reconcile-counts')).toBe(`Checked ${paid.length + 1} row(s): ${paid.length} line(s) would be reconciled, 0 already are, 1 row(s) in error. Nothing was applied.`);
    expect(await text('reconcile-error-' + (paid.length + 1))).toContain('unknown-line');
    await shot('reconcile-file-checked-en');
    expect(await db(`SELECT 1 FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'RECONCILED'`, [payrollId])).toHaveLength(0);
    // apply the good rows, reporting the bad one
    await page.getByTestId('reconcile-all-or-nothing').locator('input').uncheck();
    await submitDialog(page, 'reconcile-apply');
    await page.locator('[data-testid="payroll-status"][data-status="RECONCILED"]').waitFor();
    const settled = await db<{ status: string; receipt: string | null }>(`SELECT status, receipt FROM payment.payroll_line WHERE id = ANY($1::uuid[])`, [paid.map((l) => l.id)]);
    expect(settled.every((l) => l.status === 'RECONCILED')).toBe(true);
  }, 90_000);

  for (const lang of ['en', 'fr', 'pt'] as const) {
    it(`shows every payment page (${lang})`, async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      const [cycle] = await db<{ id: string }>(`SELECT cycle_id AS id FROM payment.payroll WHERE id = $1`, [payrollId]);
      const [line] = await db<{ household_id: string }>(`SELECT household_id FROM payment.payroll_line WHERE payroll_id = $1 AND status IN ('PAID', 'RECONCILED') ORDER BY id LIMIT 1`, [payrollId]);
      for (const [name, path, ready] of [
        ['cycles', '/payment', 'payment-table'],
        ['cycle', `/payment/cycles/${cycle.id}`, 'payrolls-table'],
        ['payroll', `/payment/payrolls/${payrollId}`, 'lines-table'],
        ['points', '/payment/points', 'points-table'],
        ['providers', '/payment/providers', 'provider-table'],
      ] as const) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.getByTestId(ready).waitFor();
        // the points' area names come with a second query
        if (name === 'points') await page.getByTestId('point-row-PP-E2E').filter({ hasText: '(DL-01)' }).waitFor();
        await shot(`${name}-${lang}`);
      }
      await page.goto(`${server.baseUrl}/payment/payrolls/${payrollId}`);
      await page.getByRole('tab').nth(1).click();
      await page.locator('[data-testid="reconciliation-chart-byPaymentPoint"][data-ready="true"]').waitFor();
      await shot(`reconciliation-${lang}`);
      // the reconciliation dialog's per-row report comes in the interface language
      await openDialog(page, 'payroll-reconcile-file');
      await page.getByTestId('reconcile-file-input').setInputFiles({ name: `banque-${lang}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`Référence;Montant payé\nnot-a-line-${lang};100\n`) });
      await page.getByTestId('reconcile-sample').waitFor();
      await page.getByTestId('reconcile-check').click();
      await page.getByTestId('reconcile-error-1').waitFor();
      expect(await text('reconcile-error-1')).toContain(`not-a-line-${lang}`);
      await shot(`reconcile-file-${lang}`);
      await page.keyboard.press('Escape');
      await page.goto(`${server.baseUrl}/payment/points`);
      await page.getByTestId('point-edit-PP-E2E').click();
      await page.getByTestId('point-form').waitFor();
      await shot(`points-edit-${lang}`);
      await page.keyboard.press('Escape');
      await page.goto(`${server.baseUrl}/registry/households/${line.household_id}`);
      await page.getByTestId('household-payments-tab').click();
      await page.getByTestId(`household-payment-${PAYROLL}`).waitFor();
      await shot(`household-payments-${lang}`);
      const [recipient] = await db<{ id: string }>(`SELECT recipient_id AS id FROM payment.payroll_line WHERE payroll_id = $1 AND status IN ('PAID', 'RECONCILED') ORDER BY id LIMIT 1`, [payrollId]);
      await page.goto(`${server.baseUrl}/registry/individuals/${recipient.id}`);
      await page.getByTestId('individual-payments-tab').click();
      await page.getByTestId(`individual-payment-${PAYROLL}`).waitFor();
      await shot(`individual-payments-${lang}`);
    }, 300_000);
  }
});
