#!/usr/bin/env node
// The whole test suite, as CI runs it: services, lint, type checks, unit and integration tests
// (full module set, then the API's integration tests again with the minimal set), builds, browser
// tests. Ends with one line "tests: N passed, N failed" and a non-zero exit code on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const reports = join(root, 'tmp/test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const failures = [];
const failedTests = [];

function run(name, command, args, env = {}) {
  if (only.length && !only.includes(name)) return true;
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env } });
  const ok = result.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) failures.push(name);
  return ok;
}

function jest(name, args, env = {}) {
  const output = join(reports, `${name}.json`);
  const ok = run(name, 'npx', ['jest', '--ci', '--json', `--outputFile=${output}`, ...args], env);
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    for (const suite of report.testResults ?? []) {
      const file = suite.name.replace(`${root}/`, '');
      const failed = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const test of failed) failedTests.push({ step: name, file, title: test.fullName, message: (test.failureMessages ?? []).join('\n') });
      if (!failed.length && suite.status === 'failed') failedTests.push({ step: name, file, title: '(suite did not run)', message: suite.message ?? '' });
    }
  } else if (!ok) {
    totals.failed += 1;
  }
}

run('services', 'bash', ['tools/scripts/ensure-services.sh']);
run('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.typecheck.json']);
run('codegen', 'npm', ['run', 'codegen:check']);
jest('unit-and-integration', ['--selectProjects', 'programs-server', 'targeting-server', 'payment-server', 'intake-server', 'grm-server', 'core-server', 'geo-server', 'registry-server', 'synthetic', 'api', 'worker', 'catalogue', 'core-testing', 'tools', 'core-web', 'registry-web'], { TEST_ENABLED_MODULES: 'all' });
jest('api-minimal-modules', ['--selectProjects', 'api', '--testPathPatterns', 'platform.int-spec'], { TEST_ENABLED_MODULES: 'core' });
// a registry without programmes, and programmes without what builds on them (targeting)
jest('api-registry-modules', ['--selectProjects', 'api', '--testPathPatterns', 'platform.int-spec'], { TEST_ENABLED_MODULES: 'geo,registry' });
jest('api-programs-modules', ['--selectProjects', 'api', '--testPathPatterns', 'platform.int-spec'], { TEST_ENABLED_MODULES: 'geo,registry,programs' });
const built = run('build', 'npm', ['run', 'build']);
if (built) jest('browser', ['-c', 'apps/web-e2e/jest.config.ts', '--runInBand']);
else if (!only.length || only.includes('browser')) totals.failed += 1;
// benchmarks stay runnable: every scenario once at a small size (figures are not judged here)
run('bench-smoke', 'node', ['tools/bench/run.mjs', '--size', '10000', '--load-seconds', '2', '--results-dir', 'tmp/bench-results']);
// the Docker stack itself, where a Docker engine with the compose plugin runs (not on the CI machine)
if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0 && spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) {
  run('docker-compose-smoke', 'node', ['tools/scripts/compose-smoke.mjs']);
}

// the failing tests again at the end, where a truncated log still shows them
for (const test of failedTests) {
  const message = test.message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').slice(0, 25).join('\n');
  console.log(`\nFAILED [${test.step}] ${test.file} › ${test.title}\n${message}`);
}
console.log(`\nsteps failed: ${failures.length ? failures.join(', ') : 'none'}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length || totals.failed ? 1 : 0);
