#!/usr/bin/env node
// `npm start`: builds what is missing (web app, server), then runs the API with demo data on the
// embedded PostgreSQL (or DATABASE_URL), jobs in-process (or on REDIS_URL), and prints where to go.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// NG_BUILD_OPTIMIZE_CHUNKS: Angular merges the small shared chunks (fewer requests on the first load)
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NG_BUILD_OPTIMIZE_CHUNKS: '1' };
const step = (label, command, args) => {
  console.log(`> ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(join(root, 'dist/apps/web/browser/index.html')) || process.argv.includes('--rebuild')) {
  step('building the web app (first start only; `npm start -- --rebuild` to rebuild)', 'npx', ['nx', 'run', 'web:build', '--outputStyle=static']);
  step('preloading the sign-in page', process.execPath, [join(root, 'tools/scripts/preload-first-page.mjs')]);
  step('compressing the web app', process.execPath, [join(root, 'tools/scripts/compress-web.mjs')]);
}
step('compiling the server', process.execPath, [join(root, 'tools/scripts/build-server.mjs')]);

const port = process.env.PORT ?? '3000';
const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/server/apps/api/src/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { DEMO_DATA: 'true', PORT: port, ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

const url = `http://localhost:${port}`;
const deadline = Date.now() + 180_000;
const poll = async () => {
  try {
    if ((await fetch(`${url}/health/ready`)).ok) {
      console.log(`\n  CoreMIS is running: ${url}\n  GraphQL API:        ${url}/graphql\n  Database:           ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL in ./data'}\n  Jobs:               ${process.env.REDIS_URL ? 'BullMQ on REDIS_URL' : 'in-process'}\n  Demo data:          geography of "Demoland" (1 country, 5 provinces, 20 districts, 160 villages)\n\n  Demo accounts (user / password):\n    admin   / Admin#2026-demo     administrator, every permission\n    officer / Officer#2026-demo   programme officer\n    checker / Checker#2026-demo   programme officer (a second person for approvals)\n    north   / North#2026-demo     district officer restricted to the Northern Province\n\n  Stop with Ctrl+C.\n`);
      return;
    }
  } catch {
    // still starting
  }
  if (Date.now() < deadline && child.exitCode === null) setTimeout(poll, 500);
};
setTimeout(poll, 1000);
