import { sql, startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';
import { chooseOption } from './choose';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];

describe('targeting enrolment run in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let programId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, server.baseUrl, ADMIN);
    const areas = await graphql<{ adminAreas: { edges: { node: { id: string; code: string } }[] } }>(page, '{ adminAreas(first: 5, filter: { search: "DL-01" }) { edges { node { id code } } } }');
    const area = areas.data!.adminAreas.edges.find((e) => e.node.code === 'DL-01')!.node.id;
    const created = await graphql<{ createProgram: { id: string; version: number } }>(page, 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id version } }', {
      input: {
        code: 'E2E-CT', name: { en: 'Cash transfer', fr: 'Transfert monétaire', pt: 'Transferência monetária' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [area],
        budget: 4000, currency: 'USD', benefits: [{ kind: 'CASH', label: 'Base', amount: 100, basis: 'PER_HOUSEHOLD' }, { kind: 'CASH', label: 'Per member', amount: 10, basis: 'PER_MEMBER' }],
      },
    });
    expect(created.errors).toBeUndefined();
    programId = created.data!.createProgram.id;
    expect((await graphql(page, 'mutation($input: ProgramStatusInput!) { activateProgram(input: $input) { status } }', { input: { id: programId, version: created.data!.createProgram.version } })).errors).toBeUndefined();
    const formula = await graphql(page, 'mutation($input: SaveFormulaInput!) { saveFormula(input: $input) { id } }', {
      input: { programId, code: 'PMT', name: 'PMT', kind: 'SCORE', source: '1.0 + 0.5 * members.size() - 0.2 * members.filter(m, m.age < 5).size()' },
    });
    expect(formula.errors).toBeUndefined();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'fr', 'pt'] as const) {
    it(`scores with a progress bar, computes a run with a quota and shows its funnel (${lang})`, async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/targeting/enrolment`);
      await chooseOption(page, 'enrolment-program', /E2E-CT/);
      await page.locator('[data-testid="enrolment-formula"][aria-disabled="false"]').waitFor();
      await chooseOption(page, 'enrolment-formula', /PMT/);
      await page.getByTestId('enrolment-score').click();
      await page.locator('[data-testid="enrolment-scoring"]').filter({ hasText: '100 %' }).waitFor({ timeout: 30_000 });
      // a quota for one district, chosen with the area picker
      await page.getByTestId('area-picker-input').fill('DL-01-0');
      // a district under DL-01: wait for the search's own answer, not an option from before it
      await page.locator('[data-testid^="area-option-DL-01-0"]').first().click();
      await page.getByTestId('enrolment-quota-places').fill('3');
      await page.getByTestId('enrolment-add-quota').click();
      await page.getByTestId('enrolment-start').click();
      await page.getByTestId('enrolment-run').waitFor();
      await page.getByTestId('enrolment-proposals').waitFor();
      expect(await page.locator('.funnel .step').count()).toBe(4);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/enrolment-run-${lang}.png`, fullPage: true });
      if (lang === 'pt') {
        await page.getByTestId('enrolment-apply').click();
        await page.getByTestId('enrolment-apply').waitFor({ state: 'detached' });
        const active = await graphql<{ beneficiaries: { totalCount: number } }>(page, 'query($p: ID!) { beneficiaries(programId: $p, first: 1, filter: { statuses: [ACTIVE] }) { totalCount } }', { p: programId });
        expect(active.data!.beneficiaries.totalCount).toBe(3);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/enrolment-applied-${lang}.png`, fullPage: true });
      } else {
        // leave no open run for the next language
        await page.getByRole('button', { name: lang === 'en' ? 'Cancel the run' : 'Annuler la sélection' }).click();
        await page.getByTestId('enrolment-apply').waitFor({ state: 'detached' });
      }
    }, 90_000);
  }
  it('follows a run still computing with its progress, and shows why a refused run failed, in every language', async () => {
    const db = <T>(text: string, params: unknown[] = []) => sql<T>(server.databaseUrl, text, params);
    // a job of a queue nobody processes, leased far ahead: the run stays COMPUTING while the page is looked at
    const [job] = await db<{ id: string }>(`INSERT INTO core.job (queue, name, status, progress, payload, started_at, lease_owner, lease_expires_at, attempts)
      VALUES ('e2e.display', 'compute', 'RUNNING', 0.6, '{}', now(), 'e2e', now() + interval '1 hour', 1) RETURNING id`);
    const [run] = await db<{ id: string }>(`INSERT INTO targeting.enrolment_run (program_id, formula_id, formula_version, status, job_id)
      SELECT program_id, id, current_version, 'COMPUTING', $2 FROM targeting.formula WHERE program_id = $1 AND code = 'PMT' RETURNING id`, [programId, job.id]);
    const open = async (lang: string) => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/targeting/enrolment`);
      await chooseOption(page, 'enrolment-program', /E2E-CT/);
      // the newest run is listed first
      await page.locator('section.card table.list tbody tr').first().getByRole('button').click();
    };
    try {
      for (const lang of ['en', 'fr', 'pt'] as const) {
        await open(lang);
        await page.getByTestId('enrolment-computing').filter({ hasText: '60 %' }).waitFor();
        expect(await page.getByTestId('enrolment-apply').count()).toBe(0);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/enrolment-computing-${lang}.png`, fullPage: true });
      }
      await db(`UPDATE core.job SET status = 'FAILED', error_message = 'refused', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL WHERE id = $1`, [job.id]);
      await db(`UPDATE targeting.enrolment_run SET status = 'FAILED', failure = '{"key": "targeting.errors.quotaTooLarge", "args": {"area": "DL-01-03", "places": 50, "eligible": 12}}' WHERE id = $1`, [run.id]);
      for (const [lang, text] of [['en', 'DL-01-03'], ['fr', 'DL-01-03'], ['pt', 'DL-01-03']] as const) {
        await open(lang);
        await page.getByTestId('enrolment-failure').filter({ hasText: text }).waitFor();
        expect(await page.getByTestId('enrolment-computing').count()).toBe(0);
        expect(await page.locator('body').textContent()).not.toMatch(/targeting\.(enrolment|runStatus|errors)\./);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/enrolment-failed-${lang}.png`, fullPage: true });
      }
    } finally {
      await db('DELETE FROM targeting.enrolment_run WHERE id = $1', [run.id]);
      await db('DELETE FROM core.job WHERE id = $1', [job.id]);
    }
  }, 120_000);
});
