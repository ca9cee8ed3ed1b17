import { readFileSync } from 'node:fs';
import { sql, startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { chooseOption, dialogFocused } from './choose';
import { ADMIN, CHECKER, graphql, signIn, signOut } from './session';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];
const LANGS = ['en', 'fr', 'pt'] as const;
/** 100 per household: the budget pays two households. */
const BUDGET = 200;

/**
 * Issue #14's Done-when: a programme with a three-stage workflow (PMT, categorical filter, community validation),
 * scoring, a village's validation PDF, validating that village, an enrolment run under a budget approved by a
 * second user, and a household's Programmes tab showing ACTIVE with its history.
 */
describe('targeting workflow, community validation and enrolment in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let programId: string;
  let roundId: string;
  /** The programme's coverage; its households of two members or more reach the community validation. */
  let district: { id: string; code: string; households: number };
  /** The village of the district with the most households to validate: validated in the browser. */
  let village: { id: string; code: string; households: number };

  const db = <T>(text: string, params: unknown[] = []) => sql<T>(server.databaseUrl, text, params);
  const language = async (lang: string) => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId(`lang-${lang}`).click();
  };
  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    // the area just below DL-01 with the most households of two members or more: the programme covers it
    [district] = await db(`SELECT a.id, a.code, count(*)::int AS households FROM geo.admin_area a JOIN registry.household h ON starts_with(h.area_path, a.path) AND h.status = 'ACTIVE'
        WHERE a.parent_id = (SELECT id FROM geo.admin_area WHERE code = 'DL-01') AND (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE') >= 2
        GROUP BY a.id, a.code ORDER BY count(*) DESC, a.code LIMIT 1`);
    expect(district.households).toBeGreaterThanOrEqual(4);
    await signIn(page, server.baseUrl, ADMIN);
    const created = await graphql<{ createProgram: { id: string; version: number } }>(page, 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id version } }', {
      input: {
        code: 'E2E-WF', name: { en: 'Village cash transfer', fr: 'Transfert monétaire villageois', pt: 'Transferência monetária da aldeia' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [district.id],
        budget: BUDGET, currency: 'USD', benefits: [{ kind: 'CASH', label: 'Base', amount: 100, basis: 'PER_HOUSEHOLD' }],
      },
    });
    expect(created.errors).toBeUndefined();
    programId = created.data!.createProgram.id;
    expect((await graphql(page, 'mutation($input: ProgramStatusInput!) { activateProgram(input: $input) { status } }', { input: { id: programId, version: created.data!.createProgram.version } })).errors).toBeUndefined();
    for (const [code, kind, source] of [['PMT', 'SCORE', '1.0 + 0.5 * members.size()'], ['TWO', 'CRITERIA', 'members.size() >= 2']]) {
      expect((await graphql(page, 'mutation($input: SaveFormulaInput!) { saveFormula(input: $input) { id } }', { input: { programId, code, name: code, kind, source } })).errors).toBeUndefined();
    }
    // applying an enrolment run needs a second person's approval
    const flow = await graphql(page, 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', {
      input: { operation: 'targeting.enrolment.apply', enabled: true, levels: [{ roles: ['programme_officer'], policy: 'ANY' }] },
    });
    expect(flow.errors).toBeUndefined();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('builds a three-stage workflow on the programme page', async () => {
    await language('en');
    await page.goto(`${server.baseUrl}/programs/${programId}`);
    await page.getByTestId('program-workflow-tab').click();
    await page.getByTestId('workflow-version').waitFor();
    for (let i = 0; i < 3; i++) await page.getByTestId('workflow-add-stage').click();
    await page.getByTestId('stage-name-0').fill('Proxy means test');
    await chooseOption(page, 'stage-formula-0', /PMT/);
    await chooseOption(page, 'stage-kind-1', 'Categorical filter');
    await page.getByTestId('stage-name-1').fill('Two members or more');
    await chooseOption(page, 'stage-formula-1', /TWO/);
    await chooseOption(page, 'stage-kind-2', 'Community validation');
    await page.getByTestId('stage-name-2').fill('Village meeting');
    await page.getByTestId('workflow-save').click();
    await page.getByTestId('workflow-version').filter({ hasText: 'Version 1' }).waitFor();
    const versions = await graphql<{ workflowVersions: { stages: { kind: string }[] }[] }>(page, 'query($p: ID!) { workflowVersions(programId: $p) { stages { kind } } }', { p: programId });
    expect(versions.data!.workflowVersions[0].stages.map((s) => s.kind)).toEqual(['PMT', 'CATEGORICAL', 'COMMUNITY_VALIDATION']);
  }, 90_000);

  it('scores the demo households with a progress bar', async () => {
    await page.goto(`${server.baseUrl}/targeting/enrolment`);
    await chooseOption(page, 'enrolment-program', /E2E-WF/);
    await page.locator('[data-testid="enrolment-formula"][aria-disabled="false"]').waitFor();
    await chooseOption(page, 'enrolment-formula', /PMT/);
    await page.getByTestId('enrolment-score').click();
    await page.locator('[data-testid="enrolment-scoring"]').filter({ hasText: '100 %' }).waitFor({ timeout: 60_000 });
  }, 90_000);

  it('starts a round that stops at the community validation, with its funnel', async () => {
    await page.goto(`${server.baseUrl}/programs/${programId}`);
    await page.getByTestId('program-rounds-tab').click();
    await page.getByTestId('rounds-start').click();
    await page.getByTestId('round-status').filter({ hasText: 'Running' }).waitFor();
    const [round] = await db<{ id: string }>(`SELECT id FROM targeting.targeting_round WHERE program_id = $1`, [programId]);
    roundId = round.id;
    // the stages are evaluated by a job: the tab follows it and shows the funnel once it has ended
    await page.getByTestId('funnel-stage-2').filter({ hasText: String(district.households) }).waitFor({ timeout: 60_000 });
    await page.getByTestId('round-evaluating').waitFor({ state: 'detached' });
    // pending households at the validation: the round cannot move on yet
    expect(await page.getByTestId('round-advance').isDisabled()).toBe(true);
    [village] = await db(`SELECT a.id, a.code, count(*)::int AS households FROM targeting.stage_outcome o JOIN geo.admin_area a ON a.path = o.area_path
        WHERE o.round_id = $1 AND o.stage = 2 GROUP BY a.id, a.code ORDER BY count(*) DESC, a.code LIMIT 1`, [roundId]);
    expect(village.households).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('shows the validation screen, the workflow and the rounds in every language', async () => {
    for (const lang of LANGS) {
      await language(lang);
      await page.goto(`${server.baseUrl}/programs/${programId}`);
      await page.getByTestId('program-workflow-tab').click();
      await page.getByTestId('workflow-stage-2').waitFor();
      await shot(`workflow-${lang}`);
      await page.getByTestId('program-rounds-tab').click();
      await page.getByTestId('round-funnel').locator('table').first().waitFor();
      await shot(`rounds-${lang}`);
      await page.getByTestId('stage-link-2').click();
      await page.getByTestId('stage-table').locator('[data-testid^="outcome-row-"]').first().waitFor();
      expect(await page.locator('body').textContent()).not.toMatch(/targeting\.(stage|workflow|rounds)\./);
      await shot(`validation-${lang}`);
    }
    await language('en');
  }, 120_000);

  it('follows a round\'s evaluation job: its progress while it runs, the reason when it failed, in every language', async () => {
    // a job of a queue nobody processes, leased far ahead: it stays as set here while the page is looked at
    const [job] = await db<{ id: string }>(`INSERT INTO core.job (queue, name, status, progress, payload, started_at, lease_owner, lease_expires_at, attempts)
      VALUES ('e2e.display', 'evaluate', 'RUNNING', 0.4, '{}', now(), 'e2e', now() + interval '1 hour', 1) RETURNING id`);
    const [before] = await db<{ job: string }>('SELECT evaluation_job_id AS job FROM targeting.targeting_round WHERE id = $1', [roundId]);
    await db('UPDATE targeting.targeting_round SET evaluation_job_id = $2 WHERE id = $1', [roundId, job.id]);
    try {
      for (const lang of LANGS) {
        await language(lang);
        await page.goto(`${server.baseUrl}/programs/${programId}`);
        await page.getByTestId('program-rounds-tab').click();
        await page.getByTestId('round-evaluating').filter({ hasText: '40 %' }).waitFor();
        expect(await page.getByTestId('round-advance').isDisabled()).toBe(true);
        await shot(`round-evaluating-${lang}`);
      }
      await db(`UPDATE core.job SET status = 'FAILED', error_message = 'connection to the database lost', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL WHERE id = $1`, [job.id]);
      for (const lang of LANGS) {
        await language(lang);
        await page.goto(`${server.baseUrl}/programs/${programId}`);
        await page.getByTestId('program-rounds-tab').click();
        await page.getByTestId('round-evaluation-failed').filter({ hasText: 'connection to the database lost' }).waitFor();
        expect(await page.getByTestId('round-evaluating').count()).toBe(0);
        expect(await page.locator('body').textContent()).not.toMatch(/targeting\.rounds\./);
        await shot(`round-evaluation-failed-${lang}`);
      }
    } finally {
      await db('UPDATE targeting.targeting_round SET evaluation_job_id = $2 WHERE id = $1', [roundId, before.job]);
      await db('DELETE FROM core.job WHERE id = $1', [job.id]);
      await language('en');
    }
  }, 120_000);

  it('downloads the village\'s list as a PDF, refuses a CSV with an unknown code, and validates the village', async () => {
    await page.goto(`${server.baseUrl}/targeting/rounds/${roundId}/stages/2`);
    await page.getByTestId('stage-area').fill(village.code);
    await page.getByRole('option', { name: new RegExp(village.code) }).first().click();
    await page.locator('[data-testid="validation-pdf"]:not([disabled])').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('validation-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`validation-E2E-WF-1-${village.code}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const rows = page.getByTestId('stage-table').locator('[data-testid^="outcome-row-"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(village.households);
    const codes = await db<{ code: string }>(`SELECT h.code FROM targeting.stage_outcome o JOIN registry.household h ON h.id = o.household_id
        WHERE o.round_id = $1 AND o.stage = 2 AND o.area_path = (SELECT path FROM geo.admin_area WHERE id = $2) ORDER BY h.code`, [roundId, village.id]);

    // a ticked list naming a household that is not on it: refused as a whole, nothing written
    await page.getByTestId('validation-csv').setInputFiles({ name: 'ticked.csv', mimeType: 'text/csv', buffer: Buffer.from(`household_code,approved,reason\n${codes[0].code},x,\nNOPE-404,x,\n`) });
    await page.getByTestId('error-banner').filter({ hasText: 'NOPE-404' }).waitFor();
    await shot('validation-csv-error-en');
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 2 AND status <> 'PENDING'`, [roundId]))[0].n).toBe(0);

    // one household rejected with a reason, the others approved
    const rejected = codes[codes.length - 1].code;
    await page.getByTestId(`reason-${rejected}`).fill('Moved to town');
    await page.getByTestId(`reject-${rejected}`).click();
    await page.getByTestId(`outcome-row-${rejected}`).getByText('Failed').waitFor();
    await page.getByTestId('validation-approve-shown').click();
    await page.getByTestId('stage-counts').filter({ hasText: `${district.households - village.households} pending` }).waitFor();
    const decided = await db<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 2 GROUP BY status ORDER BY status`, [roundId]);
    expect(decided).toEqual([{ status: 'FAILED', n: 1 }, { status: 'PASSED', n: village.households - 1 }, ...(district.households > village.households ? [{ status: 'PENDING', n: district.households - village.households }] : [])]);
    // the other villages' validators approve theirs
    const rest = await graphql<{ stageOutcomes: { rows: { householdId: string }[] } }>(page, 'query($r: ID!) { stageOutcomes(roundId: $r, stage: 2, status: PENDING, first: 500) { rows { householdId } } }', { r: roundId });
    if (rest.data!.stageOutcomes.rows.length) {
      const others = await graphql(page, 'mutation($input: DecideValidationInput!) { decideValidation(input: $input) { pending } }', {
        input: { roundId, decisions: rest.data!.stageOutcomes.rows.map((r) => ({ householdId: r.householdId, approved: true })) },
      });
      expect(others.errors).toBeUndefined();
    }
    const audited = await db<{ n: number }>(`SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'CommunityValidation'`);
    expect(audited[0].n).toBe(district.households);
  }, 120_000);

  it('completes the round and runs enrolment under the budget, held for approval', async () => {
    await page.goto(`${server.baseUrl}/programs/${programId}`);
    await page.getByTestId('program-rounds-tab').click();
    await page.locator('[data-testid="round-advance"]:not([disabled])').click();
    await page.getByTestId('round-status').filter({ hasText: 'Completed' }).waitFor();

    await page.goto(`${server.baseUrl}/targeting/enrolment`);
    await chooseOption(page, 'enrolment-program', /E2E-WF/);
    await page.locator('[data-testid="enrolment-round"][aria-disabled="false"]').waitFor();
    await chooseOption(page, 'enrolment-round', 'Round 1');
    await page.getByTestId('enrolment-start').click();
    await page.getByTestId('enrolment-proposals').waitFor();
    const [run] = await db<{ enrolled: number; waitlisted: number; budget_used: string; eligible: number }>(`SELECT enrolled, waitlisted, budget_used, eligible FROM targeting.enrolment_run WHERE program_id = $1`, [programId]);
    expect(run).toMatchObject({ enrolled: 2, eligible: district.households - 1, waitlisted: district.households - 3 });
    expect(Number(run.budget_used)).toBe(BUDGET);
    await shot('enrolment-round-en');
    await page.getByTestId('enrolment-apply').click();
    await page.getByText('Sent for approval').waitFor();
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1', [programId]))[0].n).toBe(0);
  }, 120_000);

  it('lets a second user approve it, and the household shows ACTIVE with its history', async () => {
    await signOut(page);
    await signIn(page, server.baseUrl, CHECKER, true);
    await page.getByTestId('nav-admin-approvals').click();
    const request = page.locator('[data-testid^="approval-request-"]').filter({ hasText: 'Apply an enrolment run' }).first();
    await request.waitFor();
    await request.getByTestId('approval-approve').click();
    await dialogFocused(page);
    await page.getByTestId('decision-text').fill('Village lists checked.');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('approval-outcome').waitFor();
    expect(await page.getByTestId('approval-outcome').textContent()).toContain('was carried out');

    await signOut(page);
    await signIn(page, server.baseUrl, ADMIN, true);
    const [enrolled] = await db<{ household_id: string }>(`SELECT household_id FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' ORDER BY household_id LIMIT 1`, [programId]);
    for (const lang of LANGS) {
      await language(lang);
      await page.goto(`${server.baseUrl}/registry/households/${enrolled.household_id}`);
      await page.getByTestId('household-programmes-tab').click();
      const card = page.getByTestId('household-programme-E2E-WF');
      await card.waitFor();
      expect(await card.getByTestId('household-programme-status').textContent()).toContain({ en: 'Active', fr: 'Actif', pt: 'Ativo' }[lang]);
      expect(await card.getByTestId('household-programme-history').locator('li').count()).toBeGreaterThanOrEqual(1);
      expect(await card.textContent()).toContain({ en: 'Enrolment run', fr: 'Sélection', pt: 'Seleção' }[lang]);
      await shot(`household-programmes-${lang}`);
    }
  }, 120_000);
});
