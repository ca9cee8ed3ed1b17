import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '../config/core-config';
import { migrationTarget, runMigrations } from '../database/migration-runner';
import type { CoreMisModuleDefinition } from '../modules/module-definition';
import { requestedModules, resolveModules } from '../modules/module-selection';
import { WorkerAppModule } from './worker-app.module';

/** Starts a worker that consumes the BullMQ queues of the enabled modules. Requires Redis. */
export async function startWorker(
  catalogue: readonly CoreMisModuleDefinition[],
  env: Record<string, string | undefined> = process.env,
): Promise<INestApplicationContext> {
  const config = loadConfig(env);
  if (!config.REDIS_URL) throw new ConfigError('Invalid configuration:\n  - REDIS_URL: the worker needs Redis (without it, the API runs jobs in-process)');
  if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  - DATABASE_URL: the worker needs the same database as the API');
  const modules = resolveModules(catalogue, requestedModules(config));
  const migration = migrationTarget(config, config.DATABASE_URL);
  await runMigrations(migration.url, modules, undefined, migration.options);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot({ config, databaseUrl: config.DATABASE_URL, modules }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
