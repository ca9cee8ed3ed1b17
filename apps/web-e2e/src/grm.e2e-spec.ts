import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];
const SCRIPT = '<img src=x onerror="document.title=\'pwned\'"> My payment did not arrive';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('grievances: public form on a phone, officer handling, follow-up by reference', () => {
  let server: TestServer;
  let browser: Browser;
  let officer: Page;
  let phone: Page;
  let reference = '';
  let secret = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    officer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(officer, server.baseUrl, ADMIN);
    const saved = await graphql(officer, 'mutation($input: SaveCategoryInput!) { saveGrmCategory(input: $input) { id } }', {
      input: { code: 'PAYMENT', name: 'Payment not received', resolutionDays: 7 },
    });
    expect(saved.errors).toBeUndefined();
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone = await phoneContext.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('files a complaint through the public form without signing in', async () => {
    await phone.goto(`${server.baseUrl}/public/grm`);
    for (const lang of ['fr', 'pt', 'en'] as const) {
      await phone.getByTestId(`lang-${lang}`).click();
      await phone.getByTestId('grm-public-send').waitFor();
      if (SHOTS) await phone.screenshot({ path: `${SHOTS}/public-form-${lang}.png`, fullPage: true });
    }
    await phone.getByTestId('grm-public-category').click();
    await phone.getByRole('option', { name: 'Payment not received' }).click();
    await phone.getByTestId('grm-public-province').click();
    await phone.getByRole('option').first().click();
    await phone.getByTestId('grm-public-description').fill(SCRIPT);
    await phone.getByTestId('grm-public-name').fill('Ana Reporter');
    // a photo of the payment card, taken with the phone
    await phone.getByTestId('grm-public-file').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: PNG });
    await phone.getByTestId('grm-public-send').click();
    await phone.getByTestId('grm-receipt').waitFor();
    reference = (await phone.getByTestId('grm-receipt-reference').textContent())!.trim();
    secret = (await phone.getByTestId('grm-receipt-secret').textContent())!.trim();
    expect(reference).toMatch(/^GRM-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(secret).toMatch(/^[0-9A-Z]{8}$/);
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/public-receipt-en.png`, fullPage: true });
  }, 60_000);

  it('lets the officer find, assign, comment and resolve it; the script stays text', async () => {
    await officer.goto(`${server.baseUrl}/grm`);
    await officer.getByTestId('grm-search').fill(reference);
    await officer.getByTestId('grm-search').press('Enter');
    await officer.getByRole('link', { name: reference }).click();
    await officer.getByTestId('grm-reference').waitFor();
    expect(await officer.getByTestId('grm-description').textContent()).toContain('<img src=x');
    expect(await officer.title()).not.toBe('pwned');
    // the reporter's photo came with the complaint; the officer adds the paypoint's letter
    await officer.getByTestId('grm-attachment-card.png').filter({ hasText: 'sent by the reporter' }).waitFor();
    await officer.getByTestId('grm-attachment-input').setInputFiles({ name: 'paypoint-letter.pdf', mimeType: 'application/pdf', buffer: PDF });
    await officer.getByTestId('grm-attachment-paypoint-letter.pdf').waitFor();
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByTestId('grm-attachment-card.png').getByRole('button').click()]);
    expect(download.suggestedFilename()).toBe('card.png');
    // a web page named as a photo is refused with the server's reason
    await officer.getByTestId('grm-attachment-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await officer.getByText('This type of file is not accepted').waitFor();
    await officer.getByTestId('grm-assign-me').click();
    await officer.getByTestId('grm-to-IN_PROGRESS').waitFor();
    await officer.getByTestId('grm-comment').fill('Called the paypoint; checking the payment list.');
    await officer.getByTestId('grm-add-comment').click();
    await officer.locator('li', { hasText: 'Called the paypoint' }).waitFor();
    await officer.getByTestId('grm-to-IN_PROGRESS').click();
    // the Resolve button is already there when the ticket is open: wait for the move itself, which clears the note field
    await officer.getByTestId('grm-status').filter({ hasText: 'In progress' }).waitFor();
    await officer.getByTestId('grm-note').fill('Your payment was sent again on 12 May.');
    await officer.getByTestId('grm-to-RESOLVED').click();
    await officer.getByTestId('grm-resolution').waitFor();
    expect(await officer.getByTestId('grm-status').textContent()).toContain('Resolved');
    if (SHOTS) {
      for (const lang of ['en', 'fr', 'pt'] as const) {
        await officer.getByTestId(`lang-${lang}`).click();
        await officer.waitForTimeout(300);
        await officer.screenshot({ path: `${SHOTS}/ticket-detail-${lang}.png`, fullPage: true });
      }
      for (const lang of ['en', 'fr', 'pt'] as const) {
        await officer.getByTestId(`lang-${lang}`).click();
        await officer.goto(`${server.baseUrl}/grm`);
        await officer.getByTestId('grm-table').waitFor();
        await officer.screenshot({ path: `${SHOTS}/ticket-list-${lang}.png`, fullPage: true });
        await officer.goto(`${server.baseUrl}/grm/categories`);
        await officer.getByTestId('grm-categories').waitFor();
        await officer.screenshot({ path: `${SHOTS}/categories-${lang}.png`, fullPage: true });
      }
      await officer.getByTestId('lang-en').click();
    }
  }, 90_000);

  it('lets the reporter follow it with the reference and secret', async () => {
    await phone.getByTestId('grm-public-follow-tab').click();
    await phone.getByTestId('grm-follow-reference').fill(reference);
    await phone.getByTestId('grm-follow-secret').fill(secret);
    await phone.getByTestId('grm-follow-send').click();
    await phone.getByTestId('grm-follow-result').waitFor();
    expect(await phone.getByTestId('grm-follow-status').textContent()).toContain('Resolved');
    expect(await phone.getByTestId('grm-follow-resolution').textContent()).toContain('sent again on 12 May');
    // the internal comment is not shown to the reporter
    expect(await phone.getByTestId('grm-follow-result').textContent()).not.toContain('paypoint');
    if (SHOTS) {
      for (const lang of ['en', 'fr', 'pt'] as const) {
        await phone.getByTestId(`lang-${lang}`).click();
        await phone.waitForTimeout(300);
        await phone.screenshot({ path: `${SHOTS}/public-follow-${lang}.png`, fullPage: true });
      }
    }
  }, 60_000);
  it("shows a ticket linked to a person on the person's page, in a Grievances tab", async () => {
    const found = await graphql<{ individuals: { edges: { node: { id: string; household: { area: { id: string } } | null } }[] } }>(
      officer,
      '{ individuals(first: 1) { edges { node { id household { area { id } } } } } }',
    );
    const person = found.data!.individuals.edges[0].node;
    const categories = await graphql<{ grmCategories: { id: string; code: string }[] }>(officer, '{ grmCategories { id code } }');
    const category = categories.data!.grmCategories.find((c) => c.code === 'PAYMENT')!;
    const created = await graphql<{ createTicket: { reference: string } }>(officer, 'mutation($input: CreateTicketInput!) { createTicket(input: $input) { reference } }', {
      input: { channel: 'IN_PERSON', categoryId: category.id, description: 'Name misspelt on the payment list', reporterKind: 'REGISTERED_PERSON', individualId: person.id, areaId: person.household!.area.id },
    });
    expect(created.errors).toBeUndefined();
    const linked = created.data!.createTicket.reference;
    await officer.goto(`${server.baseUrl}/registry/individuals/${person.id}`);
    await officer.getByTestId('individual-grievances-tab').click();
    await officer.getByTestId(`grm-row-${linked}`).waitFor();
    // only the person's tickets: the public complaint of the first test is linked to nobody
    expect(await officer.getByTestId(`grm-row-${reference}`).count()).toBe(0);
    if (SHOTS) {
      for (const lang of ['en', 'fr', 'pt'] as const) {
        await officer.getByTestId(`lang-${lang}`).click();
        await officer.getByTestId(`grm-row-${linked}`).waitFor();
        await officer.waitForTimeout(300);
        await officer.screenshot({ path: `${SHOTS}/individual-grievances-${lang}.png`, fullPage: true });
      }
      await officer.getByTestId('lang-en').click();
    }
  }, 60_000);
});
