#!/usr/bin/env node
// Smoke test of the Docker deployment (docker/docker-compose.yml), as an operator would try it:
// build and start the whole stack with secrets from an env file, wait for /health/ready through nginx,
// sign in as the bootstrap administrator (changing the forced password), run one GraphQL query and
// one file upload through nginx, then remove everything (containers and volumes).
//   node tools/scripts/compose-smoke.mjs            # needs a Docker engine (`docker info` must work)
//   node tools/scripts/compose-smoke.mjs --keep     # leave the stack running afterwards
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const keep = process.argv.includes('--keep');
const project = `coremis-smoke-${process.pid}`;

if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) {
  console.log('compose smoke test skipped: no Docker engine answers `docker info`');
  process.exit(0);
}

const port = await freePort();
const bootstrapPassword = `Smoke#${randomBytes(9).toString('base64url')}`;
const newPassword = `Smoke#${randomBytes(12).toString('base64url')}`;
const dir = mkdtempSync(join(tmpdir(), 'coremis-smoke-'));
const envFile = join(dir, 'smoke.env');
writeFileSync(
  envFile,
  [
    `JWT_SECRET=${randomBytes(32).toString('hex')}`,
    `ENCRYPTION_KEY=${randomBytes(32).toString('hex')}`,
    `POSTGRES_PASSWORD=${randomBytes(16).toString('hex')}`,
    `POSTGRES_APP_PASSWORD=${randomBytes(16).toString('hex')}`,
    `BOOTSTRAP_ADMIN_PASSWORD=${bootstrapPassword}`,
    `WEB_PORT=${port}`,
    '',
  ].join('\n'),
);

const compose = (...args) => ['compose', '-p', project, '--env-file', envFile, '-f', join(root, 'docker/docker-compose.yml'), ...args];
const base = `http://127.0.0.1:${port}`;
let failed = false;
try {
  step('build and start', () => docker(compose('up', '--detach', '--build', '--wait', '--wait-timeout', '600')));
  await step('ready through nginx', () => until(async () => (await fetch(`${base}/health/ready`)).ok, 120));
  const admin = await step('sign in as the bootstrap administrator, change the password', async () => {
    const first = await login(bootstrapPassword);
    const changed = await graphql(
      'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }',
      { input: { currentPassword: bootstrapPassword, newPassword } },
      first,
    );
    if (changed.changePassword !== true) throw new Error(`changePassword answered ${JSON.stringify(changed)}`);
    return login(newPassword);
  });
  await step('one query through nginx', async () => {
    const data = await graphql('{ me { username } enabledModules { key } }', {}, admin);
    if (data.me.username !== 'admin') throw new Error(`me answered ${JSON.stringify(data.me)}`);
    console.log(`  modules: ${data.enabledModules.map((m) => m.key).join(', ')}`);
  });
  await step('the API connects as a plain role that cannot change the audit trail', () => {
    const sql = "SELECT r.rolsuper, r.rolcreaterole, has_table_privilege('coremis_app', 'core.audit_log', 'UPDATE'), (SELECT count(*) FROM pg_stat_activity WHERE usename = 'coremis_app') > 0 FROM pg_roles r WHERE r.rolname = 'coremis_app'";
    const result = spawnSync('docker', compose('exec', '-T', 'postgres', 'psql', '-U', 'coremis', '-d', 'coremis', '-tAc', sql), { cwd: root, encoding: 'utf8' });
    if (result.stdout.trim() !== 'f|f|f|t') throw new Error(`coremis_app answered ${JSON.stringify(result.stdout.trim())} (want not superuser, no CREATEROLE, no UPDATE on the audit log, connected)`);
  });
  await step('one upload through nginx (registry import file)', async () => {
    const csv = 'household_key,given_name,family_name,sex,birth_date,relationship\nH1,Awa,Diallo,F,1990-01-02,HEAD\n';
    const response = await fetch(`${base}/api/registry/imports/uploads?name=smoke.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const body = await response.json();
    if (response.status !== 201 || !body.id) throw new Error(`upload answered ${response.status} ${JSON.stringify(body)}`);
    const preview = await graphql(
      'query($id: ID!) { importFilePreview(uploadId: $id, file: "members", layout: ONE_FILE) { headers } }',
      { id: body.id },
      admin,
    );
    if (!preview.importFilePreview?.headers?.includes('given_name')) throw new Error(`preview answered ${JSON.stringify(preview)}`);
  });
} catch (error) {
  failed = true;
  console.error(`compose smoke test FAILED: ${error.message}`);
  docker(compose('logs', '--no-color', '--tail', '80'), true);
} finally {
  if (!keep) docker(compose('down', '--volumes', '--remove-orphans'), true);
  rmSync(dir, { recursive: true, force: true });
}
console.log(failed ? 'compose smoke test: failed' : 'compose smoke test: passed');
process.exit(failed ? 1 : 0);

function docker(args, tolerant = false) {
  const result = spawnSync('docker', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0 && !tolerant) throw new Error(`docker ${args.join(' ')} exited with ${result.status}`);
}

async function step(name, work) {
  const started = Date.now();
  console.log(`compose smoke: ${name}`);
  const value = await work();
  console.log(`compose smoke: ${name}: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

async function login(password) {
  const data = await graphql('mutation($input: LoginInput!) { login(input: $input) { status accessToken } }', { input: { username: 'admin', password } });
  if (data.login.status !== 'AUTHENTICATED') throw new Error(`login answered ${data.login.status}`);
  return data.login.accessToken;
}

async function graphql(query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function until(check, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`not ready after ${seconds} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolvePort(free));
    });
  });
}
