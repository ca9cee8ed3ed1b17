import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type CoreConfig, loadConfig, trustProxySetting } from '../config/core-config';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../database/embedded-database';
import { migrationTarget, runMigrations } from '../database/migration-runner';
import { requestContextMiddleware } from '../context/request-context.middleware';
import { bodyErrorHandler } from '../graphql/body-error.middleware';
import { createValidationPipe } from '../graphql/validation';
import { Translator } from '../i18n/translator';
import { IdentitySeeder } from '../identity/identity-seeder.service';
import { TokenService } from '../identity/token.service';
import type { CoreMisModuleDefinition } from '../modules/module-definition';
import { requestedModules, resolveModules } from '../modules/module-selection';
import { json, type RequestHandler } from 'express';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { ApiAppModule } from './api-app.module';
import { webAppMiddleware } from './web-app.middleware';
import { responseCacheMiddleware } from '../graphql/response-cache.middleware';
import { ResponseCache } from '../graphql/response-cache.service';
import { ActorService } from '../identity/actor.service';

export interface ApiHandle {
  app: NestExpressApplication;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export interface ApiOptions {
  /** Every module this build ships; the configuration picks the enabled ones. */
  catalogue: readonly CoreMisModuleDefinition[];
  env?: Record<string, string | undefined>;
  schemaFile?: string | true;
  /** Listen on this port (0 = any free port); defaults to PORT. */
  port?: number;
  log?: (message: string) => void;
}

/**
 * Starts the API: validated configuration, module selection, database (embedded PostgreSQL when
 * DATABASE_URL is unset), migrations, optional demo data, GraphQL, health and the built web app.
 */
export async function startApi(options: ApiOptions): Promise<ApiHandle> {
  const config = loadConfig(options.env ?? process.env);
  const bootLogger = pino({ level: config.LOG_LEVEL, base: { context: 'Bootstrap' } });
  const log = options.log ?? ((m: string) => bootLogger.info(m));
  const modules = resolveModules(options.catalogue, requestedModules(config));
  let embedded: EmbeddedDatabase | undefined;
  const databaseUrl = config.DATABASE_URL ?? (embedded = await startEmbeddedDatabase(config.DATA_DIR, config.EMBEDDED_PG_PORT, log)).url;
  try {
    const migration = migrationTarget(config, databaseUrl);
    await runMigrations(migration.url, modules, log, migration.options);
    const app = await NestFactory.create<NestExpressApplication>(
      ApiAppModule.forRoot({ config, databaseUrl, modules, schemaFile: options.schemaFile ?? true }),
      { bufferLogs: true, bodyParser: false },
    );
    app.useLogger(app.get(Logger));
    // the client address (rate limits, audit) is the socket's unless the operator names the proxies
    if (config.TRUST_PROXY) app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
    app.use(jsonBodyParser(app.get(TokenService), config));
    // after the body parser: its stream callbacks would otherwise lose the async context
    app.use(requestContextMiddleware);
    const translator = app.get(Translator);
    app.use(bodyErrorHandler((key, lang) => translator.translate(key, lang)));
    app.use('/graphql', responseCacheMiddleware(app.get(ResponseCache), app.get(TokenService), app.get(ActorService)));
    app.useGlobalPipes(createValidationPipe());
    app.disable('x-powered-by');
    // Express would hash every response body (a SHA-1 of each GraphQL result) for an ETag that no
    // client of a POST API revalidates with; the web app's files keep theirs (send sets its own)
    app.disable('etag');
    const identity = app.get(IdentitySeeder);
    await identity.ensureBuiltIns();
    if (config.DEMO_DATA) {
      const dataSource = app.get<DataSource>(getDataSourceToken());
      for (const definition of modules) {
        if (definition.demo) {
          await definition.demo.seed(dataSource);
          log(`demo data ready for ${definition.key}`);
        }
      }
      await identity.seedDemo(modules);
    }
    serveWeb(app, config.WEB_DIST ?? defaultWebDist(), log);
    await app.listen(options.port ?? config.PORT, config.HOST);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;
    log(`CoreMIS API listening on ${url} with modules: ${modules.map((m) => m.key).join(', ')}`);
    return {
      app,
      url,
      databaseUrl,
      close: async () => {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * JSON bodies are limited to GRAPHQL_ANONYMOUS_MAX_BODY_KB (a few KB: login, refresh and public queries
 * need no more) unless the request carries an access token this server signed, then to
 * GRAPHQL_MAX_BODY_KB (what the largest mutation needs; files go through the upload endpoints).
 * Oversized bodies get 413 with a translated error (`bodyErrorHandler`).
 * Callbacks from other systems (`/api/<module>/callbacks/...`) are left unparsed: their route reads the raw body,
 * which signatures are computed on, with its own limit.
 */
export const RAW_BODY_ROUTE = /^\/api\/[a-z0-9-]+\/callbacks\//;

function jsonBodyParser(tokens: TokenService, config: CoreConfig): RequestHandler {
  const anonymous = json({ limit: `${config.GRAPHQL_ANONYMOUS_MAX_BODY_KB}kb` });
  const signedIn = json({ limit: `${config.GRAPHQL_MAX_BODY_KB}kb` });
  return (req, res, next) => {
    if (RAW_BODY_ROUTE.test(req.path)) return next();
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    return (token && token.length < 4096 && tokens.isSignedAccessToken(token) ? signedIn : anonymous)(req, res, next);
  };
}

function defaultWebDist(): string {
  return resolve(process.cwd(), 'dist/apps/web/browser');
}

/** One process, one port: the API also serves the Angular app, with the SPA fallback to index.html. */
function serveWeb(app: NestExpressApplication, dir: string, log: (m: string) => void): void {
  const middleware = webAppMiddleware(dir);
  if (!middleware) {
    log(`web app not built (${join(dir, 'index.html')} missing); serving the API only`);
    return;
  }
  app.use(middleware);
}
