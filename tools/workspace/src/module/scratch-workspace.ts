import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

const FILES = ['package.json', 'nx.json', 'tsconfig.base.json', 'tsconfig.typecheck.json', 'eslint.config.mjs', 'jest.config.ts', 'jest.preset.js'];
const FOLDERS = ['libs', 'apps/api', 'apps/web', 'apps/worker', 'tools'];
const SKIPPED = new Set(['node_modules', 'dist', 'tmp', '.nx', '.angular', 'results']);

/**
 * A throw-away copy of the workspace's sources (the installed packages are linked, not copied), for
 * running a generator and building, linting and testing what it wrote without touching the real tree.
 */
export function createScratchWorkspace(root = WORKSPACE_ROOT): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'coremis-scratch-'));
  for (const file of FILES) cpSync(join(root, file), join(dir, file));
  for (const folder of FOLDERS) {
    cpSync(join(root, folder), join(dir, folder), {
      recursive: true,
      filter: (source) => !SKIPPED.has(basename(source)) || relative(root, source) === folder,
    });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
