#!/usr/bin/env node
// `npm run bench -- --size 1000000`: runs the benchmark scenarios (see bench.ts) from source.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const child = spawn(process.execPath, [resolve(root, 'tools/scripts/run-ts.mjs'), 'tools/bench/bench.ts', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code) => process.exit(code ?? 1));
