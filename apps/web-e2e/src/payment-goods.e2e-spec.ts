import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];

/** The goods screens: catalogue, stock per point (a receipt recorded from the page), entitlements of a distribution. */
describe('goods distribution in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pointId: string;
  let distributionId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, ADMIN);
    const ok = async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const answer = await graphql<T>(page, query, variables);
      expect(answer.errors).toBeUndefined();
      return answer.data!;
    };
    const items: string[] = [];
    for (const item of [
      { code: 'MAIZE', names: { en: 'Maize flour', fr: 'Farine de maïs', pt: 'Farinha de milho' }, unit: 'KG', unitValueMinor: '95' },
      { code: 'OIL', names: { en: 'Cooking oil', fr: 'Huile de cuisine', pt: 'Óleo de cozinha' }, unit: 'L', unitValueMinor: '320' },
    ]) {
      items.push((await ok<{ saveGoodsItem: { id: string } }>('mutation($input: SaveGoodsItemInput!) { saveGoodsItem(input: $input) { id } }', { input: { ...item, currency: 'USD', active: true } })).saveGoodsItem.id);
    }
    const program = await ok<{ programs: { edges: { node: { id: string; code: string } }[] } }>('{ programs(first: 50) { edges { node { id code } } } }');
    const programId = program.programs.edges.find((e) => e.node.code === 'DEMO-CG')!.node.id;
    await ok('mutation($input: SaveGoodsRulesInput!) { saveGoodsRules(input: $input) { id } }', { input: { programId, rules: [{ itemId: items[0], perHousehold: 0, perMember: 5, memberCap: 4 }, { itemId: items[1], perHousehold: 2, perMember: 0 }] } });
    const cycles = await ok<{ cycles: { edges: { node: { id: string; code: string } }[] } }>('{ cycles(first: 50) { edges { node { id code } } } }');
    const cycleId = cycles.cycles.edges.find((e) => e.node.code === 'DEMO-CG-2026-12')!.node.id;
    distributionId = (await ok<{ createGoodsDistribution: { id: string } }>('mutation($input: CreateGoodsDistributionInput!) { createGoodsDistribution(input: $input) { id } }', { input: { cycleId, code: 'GOODS-DEC' } })).createGoodsDistribution.id;
    for (const op of ['submitGoodsDistributionForApproval', 'approveGoodsDistribution', 'startGoodsDistribution']) await ok(`mutation($input: GoodsDistributionDecisionInput!) { ${op}(input: $input) { id } }`, { input: { distributionId } });
    const entitlements = await ok<{ goodsEntitlements: { edges: { node: { paymentPointId: string } }[] } }>('query($d: ID!) { goodsEntitlements(distributionId: $d, first: 1) { edges { node { paymentPointId } } } }', { d: distributionId });
    pointId = entitlements.goodsEntitlements.edges[0].node.paymentPointId;
    await ok('mutation($input: StockMovementInput!) { receiveGoodsStock(input: $input) { quantity } }', { input: { paymentPointId: pointId, itemId: items[1], quantity: 12, reference: 'WB-001' } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records a receipt from the stock page', async () => {
    await page.goto(`${server.baseUrl}/payment/goods/stock?p=${pointId}`);
    await page.getByTestId('goods-stock-table').waitFor();
    await page.getByTestId('goods-receive').locator('mat-select').click();
    await page.getByRole('option', { name: /Maize flour/ }).click();
    await page.getByTestId('goods-receive').locator('input[type=number]').fill('40');
    await page.getByTestId('goods-receive').locator('button[type=submit]').click();
    await page.locator('[data-testid="goods-stock-MAIZE"]', { hasText: '40' }).waitFor();
  }, 60_000);

  for (const lang of ['en', 'fr', 'pt'] as const) {
    it(`shows the catalogue, the stock and the entitlements (${lang})`, async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/payment/goods`);
      await page.getByTestId('goods-item-MAIZE').waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/goods-catalogue-${lang}.png`, fullPage: true });
      await page.goto(`${server.baseUrl}/payment/goods/stock?p=${pointId}`);
      await page.getByTestId('goods-stock-OIL').waitFor();
      await page.getByTestId('goods-ledger-table').locator('tr').nth(2).waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/goods-stock-${lang}.png`, fullPage: true });
      await page.goto(`${server.baseUrl}/payment/goods/entitlements?d=${distributionId}`);
      await page.getByTestId('goods-entitlements-table').locator('tr').nth(2).waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/goods-entitlements-${lang}.png`, fullPage: true });
    }, 60_000);
  }
});
