import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '../../../scripts/preload-first-page.mjs');

describe('preload-first-page (post-build step of the web app)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'preload-'));
    // the bundler's output, shaped as Angular writes it: a lazy route loader in main, static imports between chunks
    writeFileSync(join(dir, 'main-AB12.js'), 'var Le=()=>import(`./chunk-login.js`).then(o=>o.LoginPage),Wt=()=>import(`./chunk-shell.js`).then(o=>o.ShellLayout);');
    writeFileSync(join(dir, 'chunk-login.js'), 'import{a as b}from"./main-AB12.js";import{c}from"./chunk-forms.js";import"./chunk-side.js";export{b as LoginPage};');
    writeFileSync(join(dir, 'chunk-forms.js'), 'import{d}from"./chunk-side.js";export const c=1;');
    writeFileSync(join(dir, 'chunk-side.js'), 'export const d=1;');
    writeFileSync(join(dir, 'chunk-shell.js'), 'import{c}from"./chunk-forms.js";export const ShellLayout=1;');
    writeFileSync(join(dir, 'index.html'), '<html><head><title>x</title>\n  </head><body></body></html>');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const links = () => [...readFileSync(join(dir, 'index.html'), 'utf8').matchAll(/<link rel="modulepreload" href="([^"]+)" data-first-page>/g)].map((m) => m[1]);

  it('preloads the sign-in page chunk and what it imports statically, not other routes, once however often it runs', () => {
    execFileSync(process.execPath, [SCRIPT, dir]);
    expect(links().sort()).toEqual(['chunk-forms.js', 'chunk-login.js', 'chunk-side.js']);
    execFileSync(process.execPath, [SCRIPT, dir]);
    expect(links()).toHaveLength(3);
  });

  it('fails the build when the sign-in page loader is no longer found', () => {
    writeFileSync(join(dir, 'main-AB12.js'), 'var Wt=()=>import(`./chunk-shell.js`).then(o=>o.ShellLayout);');
    expect(() => execFileSync(process.execPath, [SCRIPT, dir], { stdio: 'pipe' })).toThrow(/sign-in page/);
  });
});
