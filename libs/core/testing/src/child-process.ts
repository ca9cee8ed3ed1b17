import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The job timings of kill tests: short leases so a dead process's work is taken over within seconds. */
export const FAST_JOB_TIMINGS = { JOB_LEASE_MS: '1500', JOB_HEARTBEAT_MS: '300', JOB_SWEEP_MS: '300', JOB_RETRY_BASE_MS: '100' };

/** A CoreMIS process started from TypeScript source for a kill test, with everything it printed. */
export interface TestChild {
  readonly process: ChildProcess;
  output(): string;
}

const WORKSPACE = resolve(__dirname, '../../../..');

/**
 * Starts `script` (a `.child.ts` file run from source) with the test environment plus `env`, and resolves once it
 * prints `READY`; rejects with its output if it exits first.
 */
export async function startTestChild(script: string, env: Record<string, string>): Promise<TestChild> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: WORKSPACE,
    env: { ...process.env, SWC_NODE_PROJECT: resolve(WORKSPACE, 'tsconfig.base.json'), NODE_ENV: 'test', LOG_LEVEL: 'warn', ...FAST_JOB_TIMINGS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  await new Promise<void>((resolveReady, reject) => {
    const timer = setInterval(() => {
      if (output.includes('READY\n')) {
        clearInterval(timer);
        resolveReady();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`child exited with ${child.exitCode}:\n${output}`));
      }
    }, 50);
  });
  return { process: child, output: () => output };
}

/** SIGKILLs a child (no clean-up of any kind runs) and waits for it to be gone. */
export function killTestChild(child: TestChild): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.process.once('exit', () => resolveExit());
    child.process.kill('SIGKILL');
  });
}
