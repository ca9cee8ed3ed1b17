import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AcceptLanguageResolver, HeaderResolver, I18nModule } from 'nestjs-i18n';
import { LoggerModule } from 'nestjs-pino';
import { PassportModule } from '@nestjs/passport';
import { PermissionsGuard } from './access/permissions.guard';
import { APPROVAL_API_PROVIDERS, APPROVAL_SERVICES } from './approvals/approvals.providers';
import { CORE_CONFIG, ENABLED_MODULE_DEFINITIONS } from './config/config.tokens';
import type { CoreConfig } from './config/core-config';
import { AUDIT_SERVICES } from './audit/audit.providers';
import { AuditLogResolver } from './audit/audit-log.resolver';
import { AuditService } from './audit/audit.service';
import { AppErrorFilter } from './graphql/app-error.filter';
import { CostlyOperationGuard } from './graphql/costly-operation.guard';
import { HealthController } from './health/health.controller';
import { Translator } from './i18n/translator';
import { UploadStorage } from './files/upload-storage';
import { CoreExports } from './exports/core-exports';
import { ExportController } from './exports/export.controller';
import { ExportProcessor } from './exports/export.processor';
import { ExportResolver } from './exports/export.resolver';
import { ExportService } from './exports/export.service';
import { ExportRegistry } from './exports/exportable-list';
import { IDENTITY_API_PROVIDERS, IDENTITY_SERVICES } from './identity/identity.providers';
import { AuthenticationGuard } from './identity/authentication.guard';
import { AuditAnchorService } from './audit/audit-anchor.service';
import { ModuleTranslationsLoader } from './i18n/translations-loader';
import { loggerOptions } from './logging/logger.options';
import type { CoreMisModuleDefinition } from './modules/module-definition';
import { PlatformResolver } from './platform/platform.resolver';
import { JobResolver } from './queue/job.resolver';
import { JobRunner } from './queue/job-runner.service';
import { JobService } from './queue/job.service';
import { BullmqTransport, InProcessTransport, JOB_TRANSPORT } from './queue/job-transport';
import { PROCESS_ROLE, type ProcessRole, QueueLifecycle } from './queue/queue-lifecycle.service';
import { ResponseCachePlugin } from './graphql/response-cache.plugin';
import { ResponseCache } from './graphql/response-cache.service';

export interface CoreModuleOptions {
  config: CoreConfig;
  databaseUrl: string;
  modules: CoreMisModuleDefinition[];
  role: ProcessRole;
}

/** Infrastructure shared by the API and the worker: configuration, database, i18n, logs and jobs. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: CORE_CONFIG, useValue: options.config },
      { provide: ENABLED_MODULE_DEFINITIONS, useValue: options.modules },
      { provide: PROCESS_ROLE, useValue: options.role },
      {
        provide: JOB_TRANSPORT,
        useFactory: () =>
          options.config.REDIS_URL
            ? new BullmqTransport(options.config.REDIS_URL, { prefix: options.config.QUEUE_PREFIX, retentionHours: options.config.JOB_RETENTION_HOURS })
            : new InProcessTransport(),
      },
      JobRunner,
      JobService,
      QueueLifecycle,
      Translator,
      UploadStorage,
      ExportRegistry,
      ExportService,
      ExportProcessor,
      CoreExports,
      ...IDENTITY_SERVICES,
      ...AUDIT_SERVICES,
      ...APPROVAL_SERVICES,
    ];
    return {
      module: CoreModule,
      imports: [
        DiscoveryModule,
        LoggerModule.forRoot(loggerOptions(options.config.LOG_LEVEL)),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.databaseUrl,
          entities: options.modules.flatMap((m) => [...m.entities]),
          synchronize: false,
          migrationsRun: false,
          extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: `coremis-${options.role}` },
        }),
        I18nModule.forRoot({
          fallbackLanguage: 'en',
          loader: ModuleTranslationsLoader,
          loaderOptions: { modules: options.modules },
          resolvers: [new HeaderResolver(['x-lang']), AcceptLanguageResolver],
          logging: false,
        }),
      ],
      providers,
      exports: [CORE_CONFIG, ENABLED_MODULE_DEFINITIONS, PROCESS_ROLE, JOB_TRANSPORT, JobRunner, JobService, Translator, UploadStorage, ExportRegistry, ExportService, TypeOrmModule, ...IDENTITY_SERVICES, AuditService, ...APPROVAL_SERVICES],
    };
  }
}

/**
 * What the API adds on top of the core: health endpoints, platform, job and identity resolvers, and
 * the guards (authentication first, then permissions, then the cooldown of costly operations).
 */
@Module({
  imports: [PassportModule],
  controllers: [HealthController, ExportController],
  providers: [
    PlatformResolver,
    ExportResolver,
    JobResolver,
    AuditLogResolver,
    AuditAnchorService,
    ...IDENTITY_API_PROVIDERS,
    ...APPROVAL_API_PROVIDERS,
    ResponseCache,
    ResponseCachePlugin,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
    { provide: APP_GUARD, useClass: CostlyOperationGuard },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class CoreApiModule {}
