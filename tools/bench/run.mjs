#!/usr/bin/env node
// `npm run bench -- --size 1000000`: runs the benchmark scenarios (see bench.ts) from source, then the
// duplicate-detection benchmark (duplicates.scenarios.ts: its own population with planted duplicates,
// recall/precision per error kind) at the same size unless `--only` leaves out "duplicates".
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name) => (args.indexOf(`--${name}`) >= 0 ? args[args.indexOf(`--${name}`) + 1] : undefined);
const runTs = (script, scriptArgs) => spawnSync(process.execPath, [resolve(root, 'tools/scripts/run-ts.mjs'), script, ...scriptArgs], { stdio: 'inherit', cwd: root }).status ?? 1;

let status = runTs('tools/bench/bench.ts', args);
const only = option('only');
if (status === 0 && (!only || only.split(',').map((g) => g.trim()).includes('duplicates')) && !args.includes('--skip-duplicates-bench')) {
  const dupArgs = ['--size', option('size') ?? '1000000'];
  if (option('results-dir')) dupArgs.push('--results-dir', option('results-dir'));
  status = runTs('tools/bench/duplicates.scenarios.ts', dupArgs);
}
process.exit(status);
