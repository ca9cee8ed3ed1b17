import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createTestDatabase } from './test-database';

const WORKSPACE = resolve(__dirname, '../../../..');

export interface TestServer {
  baseUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole system as a user would run it (built API serving the built web app, demo data)
 * in a child process, on a fresh database and a free port. Used by the browser tests.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase('coremis_e2e');
  const port = await freePort();
  const built = resolve(WORKSPACE, 'dist/server/apps/api/src/main.js');
  const [command, args] = existsSync(built)
    ? [process.execPath, [built]]
    : [process.execPath, [resolve(WORKSPACE, 'tools/scripts/run-ts.mjs'), 'apps/api/src/main.ts']];
  const child = spawn(command, args, {
    cwd: WORKSPACE,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'true', LOG_LEVEL: 'warn', RATE_LIMIT_KEY_PREFIX: `${database.name}:rate:`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(baseUrl, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    await database.drop();
    throw error;
  }
  return {
    baseUrl,
    databaseUrl: database.url,
    stop: async () => {
      await stopChild(child);
      await database.drop();
    },
  };
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  // a loaded machine (several engineers' tests at once) may need longer: TEST_SERVER_READY_MS
  const wait = Number(process.env['TEST_SERVER_READY_MS']) || 90_000;
  const deadline = Date.now() + wait;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${wait / 1000} s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePromise(port));
    });
  });
}
