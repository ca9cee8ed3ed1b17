import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The system's Chromium (Debian package `chromium`); the tests never download a browser. */
const CHROMIUM_PATHS = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function launchBrowser(): Promise<Browser> {
  const executablePath = CHROMIUM_PATHS.find((path): path is string => !!path && existsSync(path));
  if (!executablePath) throw new Error('Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  return chromium.launch({
    executablePath,
    // Reduced motion turns Material's animations off: a dialog takes the focus as it opens instead of after its
    // animation, which on a busy machine came after the test had started typing into it.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--force-prefers-reduced-motion'],
  });
}
