import { sql, startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';
import { chooseOption } from './choose';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];

describe('targeting formula editor in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, server.baseUrl, ADMIN);
    const areas = await graphql<{ adminAreas: { edges: { node: { id: string; code: string } }[] } }>(page, '{ adminAreas(first: 5, filter: { search: "DL-01" }) { edges { node { id code } } } }');
    const area = areas.data!.adminAreas.edges.find((e) => e.node.code === 'DL-01')!.node.id;
    const created = await graphql(page, 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
      input: { code: 'E2E-PMT', name: { en: 'Cash transfer', fr: 'Transfert monétaire', pt: 'Transferência monetária' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [area] },
    });
    expect(created.errors).toBeUndefined();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'fr', 'pt'] as const) {
    it(`shows a problem at its position, then previews a valid formula (${lang})`, async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/targeting`);
      await chooseOption(page, 'formula-program', /E2E-PMT/);
      const source = page.getByTestId('formula-source');
      await source.fill('1.0 + 0.5 * members.size() - unknown_var');
      const problem = page.getByTestId('formula-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toContain('30');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/targeting-problem-${lang}.png`, fullPage: true });
      await source.fill('1.0 + 0.5 * members.size() - 0.2 * members.filter(m, m.sex == "F").size()');
      await page.getByTestId('formula-valid').waitFor();
      await page.getByTestId('formula-preview').click();
      await page.getByTestId('formula-preview-panel').waitFor();
      expect(await page.locator('.histogram .bar').count()).toBe(20);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/targeting-preview-${lang}.png`, fullPage: true });
    }, 60_000);
  }
  it('builds categorical criteria without writing CEL: two groups, a condition on members, the live count', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('lang-en').click();
    await page.goto(`${server.baseUrl}/targeting`);
    await chooseOption(page, 'formula-program', /E2E-PMT/);
    await page.getByTestId('formula-kind-CRITERIA').click();
    // group 1: at least one child under five
    await chooseOption(page, 'criteria-field-0-0', 'Members…');
    await chooseOption(page, 'criteria-aggregate-0-0', 'At least one member');
    await chooseOption(page, 'criteria-where-field-0-0', 'age');
    await chooseOption(page, 'criteria-where-operator-0-0', 'is less than');
    await page.getByTestId('criteria-where-value-0-0').fill('5');
    // a second condition the server refuses is named under its row
    await page.getByTestId('criteria-add-condition-0').click();
    await chooseOption(page, 'criteria-field-0-1', 'rooms');
    await chooseOption(page, 'criteria-operator-0-1', 'is between');
    await page.getByTestId('criteria-value-0-1').fill('1');
    // the row's own answer: an earlier one (while the operator was still "equals") said it needed a value
    await page.getByTestId('criteria-problem-0-1').filter({ hasText: 'list of values' }).waitFor();
    await page.getByTestId('criteria-value-0-1-to').fill('3');
    // or group 2: more than four rooms
    await page.getByTestId('criteria-add-group').click();
    await chooseOption(page, 'criteria-field-1-0', 'rooms');
    await chooseOption(page, 'criteria-operator-1-0', 'is more than');
    await page.getByTestId('criteria-value-1-0').fill('4');
    const expected = '((members.exists(m, m.age < 5) == true) && ((rooms >= 1 && rooms <= 3))) || ((rooms > 4))';
    await page.waitForFunction((text) => (document.querySelector('[data-testid="formula-source"]') as HTMLTextAreaElement | null)?.value === text, expected);
    // the live count is the same rule counted by hand in SQL on the programme's households
    const [byHand] = await sql<{ passing: number; households: number }>(
      server.databaseUrl,
      `SELECT count(*) FILTER (WHERE (EXISTS (SELECT 1 FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND date_part('year', age(current_date, i.birth_date)) < 5)
                                      AND h.rooms BETWEEN 1 AND 3) OR h.rooms > 4)::int AS passing, count(*)::int AS households
         FROM registry.household h JOIN programs.program p ON p.code = 'E2E-PMT' WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, p.coverage_paths[1])`,
    );
    expect(byHand.passing).toBeGreaterThan(0);
    await page.getByTestId('criteria-count').filter({ hasText: `${byHand.passing} of ${byHand.households} household(s) pass` }).waitFor();
    expect(await page.getByTestId('criteria-problem-0-1').count()).toBe(0);
    if (SHOTS) {
      for (const lang of ['en', 'fr', 'pt'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS}/targeting-criteria-${lang}.png`, fullPage: true });
      }
      await page.getByTestId('lang-en').click();
    }
  }, 90_000);

  it('saves the criteria and reopens them in the builder; a change there saves the next version', async () => {
    const expected = '((members.exists(m, m.age < 5) == true) && ((rooms >= 1 && rooms <= 3))) || ((rooms > 4))';
    await page.getByTestId('formula-code').fill('E2E-CRIT');
    await page.getByTestId('formula-name').fill('Young children or large houses');
    await page.getByTestId('formula-save').click();
    await page.getByTestId('formula-saved').filter({ hasText: 'version 1' }).waitFor();
    await page.reload();
    await chooseOption(page, 'formula-program', /E2E-PMT/);
    await chooseOption(page, 'formula-open', /E2E-CRIT/);
    await page.waitForFunction((text) => (document.querySelector('[data-testid="formula-source"]') as HTMLTextAreaElement | null)?.value === text, expected);
    // the builder holds the saved groups, not an empty condition
    expect(await page.getByTestId('criteria-where-value-0-0').inputValue()).toBe('5');
    expect(await page.getByTestId('criteria-value-0-1-to').inputValue()).toBe('3');
    expect(await page.getByTestId('criteria-value-1-0').inputValue()).toBe('4');
    expect(await page.getByTestId('formula-code').getAttribute('readonly')).not.toBeNull();
    if (SHOTS) {
      for (const lang of ['en', 'fr', 'pt'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS}/targeting-criteria-reopened-${lang}.png`, fullPage: true });
      }
      await page.getByTestId('lang-en').click();
    }
    await page.getByTestId('criteria-value-1-0').fill('5');
    await page.waitForFunction((text) => (document.querySelector('[data-testid="formula-source"]') as HTMLTextAreaElement | null)?.value === text, expected.replace('rooms > 4', 'rooms > 5'));
    await page.getByTestId('formula-valid').waitFor();
    await page.getByTestId('formula-save').click();
    await page.getByTestId('formula-saved').filter({ hasText: 'version 2' }).waitFor();
    const [saved] = await sql<{ current_version: number; source: string; value: string }>(
      server.databaseUrl,
      `SELECT current_version, source, criteria #>> '{1,conditions,0,value}' AS value FROM targeting.formula WHERE code = 'E2E-CRIT'`,
    );
    expect(saved).toEqual({ current_version: 2, source: expected.replace('rooms > 4', 'rooms > 5'), value: '5' });
  }, 90_000);
});
