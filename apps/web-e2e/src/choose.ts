import type { Locator, Page } from 'playwright-core';

const shown = (locator: Locator, timeout: number) => locator.waitFor({ timeout }).then(() => true, () => false);

async function until(check: () => Promise<boolean>, timeout: number): Promise<boolean> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Clicks `triggerTestId` and waits until the dialog it opens has taken the focus. Material moves the focus into a
 * dialog only once its opening animation is over: on a busy machine that is after the test has started typing, and
 * the rest of a `fill` meant for the second field lands in the first one.
 */
export async function openDialog(page: Page, triggerTestId: string, timeout = 30_000): Promise<void> {
  await page.getByTestId(triggerTestId).click();
  await dialogFocused(page, timeout);
}

/** Waits until an open dialog holds the focus (for dialogs opened by a click inside a row or another locator). */
export async function dialogFocused(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => !!document.querySelector('mat-dialog-container')?.contains(document.activeElement), undefined, { timeout });
}

/**
 * Clicks a dialog's submit button and waits for the dialog to close; when it stays open, fails with what the dialog
 * shows (error banner, field errors) instead of a bare timeout further on.
 */
export async function submitDialog(page: Page, saveTestId: string, timeout = 30_000): Promise<void> {
  await page.getByTestId(saveTestId).click();
  const dialog = page.locator('mat-dialog-container');
  if (await dialog.waitFor({ state: 'detached', timeout }).then(() => true, () => false)) return;
  const shownText = ((await dialog.first().textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
  throw new Error(`${saveTestId}: the dialog stayed open ${timeout} ms after saving; it shows: ${shownText}`);
}

/**
 * Opens a mat-select from the keyboard (its floating label can cover the trigger for the mouse) until its panel
 * shows an option named `option` (any option when none is given); a panel that did not open because the page was
 * still settling is opened again.
 */
export async function openSelect(page: Page, testId: string, option?: string | RegExp): Promise<Locator> {
  const wanted = option === undefined ? page.locator('mat-option').first() : page.getByRole('option', { name: option }).first();
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.getByTestId(testId).focus();
    await page.keyboard.press('Enter');
    if (await shown(wanted, 3000)) return wanted;
    await page.keyboard.press('Escape');
  }
  throw new Error(`${testId}: no option ${option ?? ''} in its list`);
}

/** Chooses `option` in the mat-select `testId` and waits for its panel to close. */
export async function chooseOption(page: Page, testId: string, option: string | RegExp): Promise<void> {
  // a panel that closes between showing the option and the click (the page re-rendered the select) is opened again
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await openSelect(page, testId, option);
    if (await found.click({ timeout: 5000 }).then(() => true, () => false)) {
      await page.locator('mat-option').first().waitFor({ state: 'detached' });
      return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`${testId}: option ${option} could not be chosen`);
}

/**
 * Types `code` into the kit's area picker `testId` and chooses the area with that code, waiting for the search's
 * own answer: the first option shown may still be one from before the search.
 */
export async function pickArea(page: Page, testId: string, code: string): Promise<void> {
  const option = page.getByTestId(`area-option-${code}`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId(testId).fill(code);
    if (await shown(option, 10_000)) {
      await option.click();
      // a late answer of an earlier search can reopen the panel or leave the text unchosen: check the field shows the area
      if (await until(async () => (await page.getByTestId(testId).inputValue()).includes(`(${code})`), 5000)) return;
    }
    await page.getByTestId(testId).fill('');
  }
  throw new Error(`${testId}: area ${code} was not offered`);
}

/** Waits until `locator` matches exactly `count` elements, e.g. a table's rows once a filter has been applied. */
export async function waitForCount(locator: Locator, count: number, timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  let last = -1;
  while (Date.now() < until) {
    last = await locator.count();
    if (last === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} elements, still ${last} after ${timeout} ms`);
}
