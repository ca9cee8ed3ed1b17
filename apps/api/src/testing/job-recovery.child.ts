/**
 * A CoreMIS process for the kill tests (job-recovery.int-spec.ts): the API (in-process jobs, or Redis)
 * or a worker, with a test job that writes one row per step and an approvable test operation, both of
 * which wait on a flag row mid-way so that the test can SIGKILL the process at that point.
 *
 *   ROLE=api|worker  SETUP_APPROVALS=1 (first API run: make, approve and start two approved operations)
 */
import 'reflect-metadata';
import { type INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import {
  ActorService,
  ADMINISTRATOR_ROLE,
  ApprovableOperation,
  ApprovalPolicy,
  ApprovalService,
  coreDefinition,
  defineModule,
  IdentitySeeder,
  type JobContext,
  type JobHandler,
  JobProcessor,
  RequestContext,
  RequirePermissions,
  startApi,
  startWorker,
} from '@coremis/core';
import type { DataSource } from 'typeorm';

const STEPS = 3;

async function whileBlocked(dataSource: DataSource, name: string): Promise<void> {
  for (;;) {
    const [flag]: { blocked: boolean }[] = await dataSource.query('SELECT blocked FROM public.kill_flag WHERE name = $1', [name]);
    if (!flag?.blocked) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Three steps, each committed with the checkpoint that records it; blocks after the first one. */
@Injectable()
@JobProcessor('test.steps', { maxAttempts: 3 })
class StepsProcessor implements JobHandler<Record<string, unknown>, { steps: number }> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async process(job: JobContext<Record<string, unknown>, { next: number }>): Promise<{ steps: number }> {
    for (let step = job.checkpoint?.next ?? 0; step < STEPS; step++) {
      await this.dataSource.transaction(async (em) => {
        await em.query('INSERT INTO public.kill_step (tag, step, pid, attempt) VALUES ($1, $2, $3, $4)', [job.id, step, process.pid, job.attempt]);
        await job.saveCheckpoint({ next: step + 1 }, em);
      });
      if (step === 0) await whileBlocked(this.dataSource, 'job');
    }
    return { steps: STEPS };
  }
}

@Resolver()
class KillTestResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Mutation(() => Boolean)
  @RequirePermissions('test.kill')
  @ApprovableOperation('test.kill')
  async killTestOperation(@Args('tag') tag: string): Promise<boolean> {
    await this.dataSource.query('INSERT INTO public.kill_step (tag, step, pid, attempt) VALUES ($1, 0, $2, 0)', [tag, process.pid]);
    await whileBlocked(this.dataSource, tag);
    await this.dataSource.query('INSERT INTO public.kill_step (tag, step, pid, attempt) VALUES ($1, 1, $2, 0)', [tag, process.pid]);
    return true;
  }
}

@Module({ providers: [KillTestResolver] })
class KillTestApiModule {}

@Module({ providers: [StepsProcessor] })
class KillTestWorkerModule {}

const killTest = defineModule({
  key: 'killtest',
  dependsOn: ['core'],
  apiModule: KillTestApiModule,
  workerModule: KillTestWorkerModule,
  entities: [],
  migrations: [],
  permissions: [{ code: 'test.kill', labelKey: 'core.permissions.jobsView' }],
  menu: [],
  translations: { en: {}, fr: {}, pt: {} },
});
const catalogue = [coreDefinition, killTest];

async function setUpApprovals(app: INestApplicationContext): Promise<void> {
  const seeder = app.get(IdentitySeeder);
  for (const username of ['kill-maker', 'kill-checker']) {
    await seeder.createUser({ username, password: 'Kill-test#2026!', displayName: username, role: ADMINISTRATOR_ROLE }, false, null);
  }
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const ids = Object.fromEntries(
    ((await dataSource.query(`SELECT id, username FROM core."user" WHERE username LIKE 'kill-%'`)) as { id: string; username: string }[]).map((r) => [r.username, r.id]),
  );
  const actors = app.get(ActorService);
  const as = async <T>(username: string, work: () => Promise<T>) =>
    RequestContext.run({ ...RequestContext.system('kill-test'), actor: await actors.forUserId(ids[username]) }, work);
  const approvals = app.get(ApprovalService);
  await as('kill-checker', () => approvals.saveFlow({ operation: 'test.kill', enabled: true, levels: [{ roles: [ADMINISTRATOR_ROLE], policy: ApprovalPolicy.ANY }] }));
  const started = await as('kill-maker', () => approvals.submit('test.kill', { tag: 'started' }));
  const queued = await as('kill-maker', () => approvals.submit('test.kill', { tag: 'queued' }));
  // the first runs (and blocks inside the operation); the second waits behind it in the queue
  void as('kill-checker', () => approvals.approve(started.id));
  for (;;) {
    const rows: unknown[] = await dataSource.query(`SELECT 1 FROM public.kill_step WHERE tag = 'started'`);
    if (rows.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  void as('kill-checker', () => approvals.approve(queued.id));
}

async function main(): Promise<void> {
  if (process.env.ROLE === 'worker') {
    await startWorker(catalogue, process.env);
  } else {
    const api = await startApi({ catalogue, port: 0, log: () => undefined, env: process.env });
    if (process.env.SETUP_APPROVALS) await setUpApprovals(api.app);
  }
  process.stdout.write('READY\n');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
