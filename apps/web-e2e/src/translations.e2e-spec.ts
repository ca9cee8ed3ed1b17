import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';
import { flatTranslations, type Language, templateMatcher } from './web-translations';

/** A dotted identifier of three parts or more (`registry.members.setHead`): a key or a code shown as is. */
const KEY_LIKE = /(?:^|[\s("'«“])([a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9_]*){2,})(?=$|[\s,;:!?)"'»”]|\.(?:\s|$))/g;

interface PageText {
  /** Visible text nodes, whitespace collapsed. */
  readonly texts: string[];
  /** Labels read by assistive technology or shown on hover: aria-label, title, placeholder. */
  readonly attributes: string[];
  readonly title: string;
  /** Menu entries and field labels cut off (ellipsis): the language's words do not fit. */
  readonly cut: string[];
}

/** What a person sees (and a screen reader reads) on the page now. */
function readPage(page: Page): Promise<PageText> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const attributes: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, noscript, .material-icons, mat-icon, [aria-hidden="true"]')) continue;
      if (!parent.checkVisibility()) continue;
      texts.push(text);
    }
    for (const element of Array.from(document.body.querySelectorAll('[aria-label], [title], [placeholder]'))) {
      if (!(element as HTMLElement).checkVisibility()) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name)?.replace(/\s+/g, ' ').trim();
        if (value) attributes.push(value);
      }
    }
    const cut = Array.from(document.querySelectorAll('.mat-mdc-nav-list [matListItemTitle], .mdc-floating-label, .mat-mdc-select-value-text'))
      .filter((element) => (element as HTMLElement).checkVisibility() && element.scrollWidth > element.clientWidth + 1)
      .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());
    return { texts, attributes, title: document.title, cut };
  });
}

/** Waits for the page's data: no loading indicator left, the network quiet. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="loading"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

describe('every page in French and Portuguese', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const strings = flatTranslations();

  /** English strings that the language translates differently: none of them may show on its pages. */
  function englishOf(lang: Exclude<Language, 'en'>) {
    const exact = new Set<string>();
    const templates: { key: string; matcher: RegExp }[] = [];
    const sentences: { key: string; text: string }[] = [];
    // a word both languages spell alike ("Import", "Active") is the translation of another key
    const native = new Set(strings[lang].values());
    for (const [key, en] of strings.en) {
      const translated = strings[lang].get(key);
      if (translated === undefined || translated === en || native.has(en) || !/[A-Za-z]{2}/.test(en)) continue;
      if (/\{\{/.test(en)) templates.push({ key, matcher: templateMatcher(en) });
      else exact.add(en.replace(/\s+/g, ' ').trim());
      // fragments of four words or more are searched inside longer texts too
      for (const fragment of en.split(/\{\{\s*\w+\s*\}\}/)) {
        const text = fragment.replace(/\s+/g, ' ').trim();
        if (text.split(' ').length >= 4 && !strings[lang].get(key)?.includes(text)) sentences.push({ key, text });
      }
    }
    return { exact, templates, sentences };
  }

  function findProblems(lang: Exclude<Language, 'en'>, where: string, seen: PageText): string[] {
    const english = englishOf(lang);
    const problems = new Set<string>();
    const all = [...seen.texts, ...seen.attributes, seen.title];
    for (const text of all) {
      for (const match of text.matchAll(KEY_LIKE)) problems.add(`${where}: untranslated key or code "${match[1]}" in "${text}"`);
      if (english.exact.has(text)) problems.add(`${where}: English "${text}"`);
      else {
        const template = english.templates.find(({ matcher }) => matcher.test(text));
        if (template) problems.add(`${where}: English "${text}" (${template.key})`);
      }
    }
    for (const text of seen.cut) problems.add(`${where}: cut off "${text}"`);
    const joined = all.join('\n');
    for (const { key, text } of english.sentences) if (joined.includes(text)) problems.add(`${where}: English "${text}" (${key})`);
    return [...problems];
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('writes every placeholder as ngx-translate reads it ({{name}}, never {name})', () => {
    const single = /(^|[^{])\{\s*\w+\s*\}(?!\})/;
    const wrong = (['en', 'fr', 'pt'] as const).flatMap((lang) => [...strings[lang]].filter(([, text]) => single.test(text)).map(([key]) => `${lang}: ${key}`));
    expect(wrong).toEqual([]);
  });

  it('knows the English strings to look for', () => {
    expect(strings.en.size).toBeGreaterThan(500);
    const fr = englishOf('fr');
    expect(fr.exact.has('Households')).toBe(true);
    expect(fr.exact.size + fr.templates.length).toBeGreaterThan(400);
  });

  for (const lang of ['fr', 'pt'] as const) {
    it(`says why a sign-in failed in ${lang.toUpperCase()} (the server's message)`, async () => {
      const context = await browser.newContext();
      const signInPage = await context.newPage();
      await signInPage.goto(`${server.baseUrl}/login`);
      await signInPage.getByTestId(`lang-${lang}`).click();
      await signInPage.locator(`html[lang="${lang}"]`).waitFor();
      await signInPage.getByTestId('login-username').fill(ADMIN.username);
      await signInPage.getByTestId('login-password').fill('not the password at all');
      await signInPage.getByTestId('login-submit').click();
      await signInPage.getByTestId('login-error').waitFor();
      expect(findProblems(lang, `${lang} sign-in error`, await readPage(signInPage))).toEqual([]);
      await context.close();
    });
  }

  /** The pages to read: every menu entry, the account page and the main detail pages. */
  async function pagesToVisit(): Promise<{ name: string; path: string; open?: (page: Page) => Promise<void> }[]> {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('user-menu').waitFor();
    const menu = await page.locator('[data-testid^="nav-"][href]').evaluateAll((links) =>
      links.map((link) => ({ name: link.getAttribute('data-testid') ?? '', path: new URL((link as HTMLAnchorElement).href).pathname })),
    );
    expect(menu.length).toBeGreaterThanOrEqual(8);
    const ids = await graphql<{
      households: { edges: { node: { id: string; members: { individual?: { id: string }; id: string }[] } }[] };
      individuals: { edges: { node: { id: string } }[] };
      adminAreas?: { edges: { node: { id: string } }[] };
    }>(page, `{ households(first: 1) { edges { node { id } } } individuals(first: 1) { edges { node { id } } } }`);
    const household = ids.data?.households.edges[0]?.node.id;
    const individual = ids.data?.individuals.edges[0]?.node.id;
    expect(household && individual).toBeTruthy();
    return [
      { name: 'home', path: '/' },
      { name: 'account', path: '/account' },
      ...menu,
      { name: 'household', path: `/registry/households/${household}` },
      { name: 'individual', path: `/registry/individuals/${individual}` },
      {
        // the newest entry: the failed sign-in above, with its reason
        name: 'audit entry details',
        path: '/admin/audit',
        open: async (p) => {
          await p.getByTestId('audit-table').locator('td.expand-cell button').first().click();
          await p.locator('[data-testid^="audit-detail-"]').first().waitFor();
        },
      },
      {
        name: 'approval flow dialog',
        path: '/admin/approval-flows',
        open: async (p) => {
          await p.locator('[data-testid^="flow-edit-"]').first().click();
          await p.locator('mat-dialog-container').waitFor();
        },
      },
    ];
  }

  for (const lang of ['fr', 'pt'] as const) {
    it(`shows no untranslated key and no English on any page in ${lang.toUpperCase()}`, async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.locator(`html[lang="${lang}"]`).waitFor();
      const problems: string[] = [];
      for (const target of await pagesToVisit()) {
        await page.goto(`${server.baseUrl}${target.path}`);
        await page.getByTestId('user-menu').waitFor();
        await settle(page);
        if (target.open) {
          await target.open(page);
          await settle(page);
        }
        problems.push(...findProblems(lang, `${lang} ${target.name} (${target.path})`, await readPage(page)));
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }
});
