import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ConfigError, loadConfig, requestedModules, resolveModules, runMigrations } from '@coremis/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** Starts a worker that consumes the BullMQ queues of the enabled modules. Requires Redis. */
export async function startWorker(env: Record<string, string | undefined> = process.env): Promise<INestApplicationContext> {
  const config = loadConfig(env);
  if (!config.REDIS_URL) throw new ConfigError('Invalid configuration:\n  - REDIS_URL: the worker needs Redis (without it, the API runs jobs in-process)');
  if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  - DATABASE_URL: the worker needs the same database as the API');
  const modules = resolveModules(MODULE_CATALOGUE, requestedModules(config));
  await runMigrations(config.DATABASE_URL, modules);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, databaseUrl: config.DATABASE_URL, modules }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
