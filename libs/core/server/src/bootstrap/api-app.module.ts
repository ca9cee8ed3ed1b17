import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { CoreModule, type CoreModuleOptions } from '../core.module';
import { createFormatError, errorLoggingPlugin } from '../graphql/error-translation.plugin';
import { GraphQLJSON } from '../graphql/json.scalar';
import { queryLimitsPlugin } from '../graphql/limits.plugin';
import { RequestLoaders } from '../graphql/request-loaders';
import { Translator } from '../i18n/translator';

export interface ApiAppModuleOptions extends Omit<CoreModuleOptions, 'role'> {
  /** Where to write the SDL; `true` keeps it in memory. */
  schemaFile: string | true;
}

@Module({})
export class ApiAppModule {
  static forRoot(options: ApiAppModuleOptions): DynamicModule {
    const consumesJobs = !options.config.REDIS_URL || options.config.RUN_JOBS_IN_API;
    const moduleImports = options.modules.flatMap((m) => [
      ...(m.apiModule ? [m.apiModule] : []),
      ...(consumesJobs && m.workerModule ? [m.workerModule] : []),
    ]);
    return {
      module: ApiAppModule,
      imports: [
        CoreModule.forRoot({ ...options, role: 'api' }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Translator],
          useFactory: (translator: Translator) => {
            const logger = new Logger('GraphQL');
            return {
              path: '/graphql',
              autoSchemaFile: options.schemaFile,
              sortSchema: true,
              resolvers: { JSON: GraphQLJSON },
              playground: false,
              introspection: true,
              includeStacktraceInErrorResponses: false,
              csrfPrevention: true,
              // no automatic persisted queries: the web app does not use them, and their cache would be
              // one more thing a client could fill; such requests get PERSISTED_QUERY_NOT_SUPPORTED
              persistedQueries: false,
              allowBatchedHttpRequests: false,
              context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res, loaders: new RequestLoaders() }),
              // Guards, interceptors and filters run on root operations only (which check permissions
              // and scope for the rows they return), never once per field of every row.
              fieldResolverEnhancers: [],
              formatError: createFormatError((key, lang, args) => translator.translate(key, lang, args)),
              plugins: [
                // Apollo's default cache-control plugin wraps every field resolver to collect cache
                // hints; nothing here declares any, so it would only cost time on every field.
                ApolloServerPluginCacheControlDisabled(),
                queryLimitsPlugin(options.config.GRAPHQL_MAX_DEPTH, options.config.GRAPHQL_MAX_COMPLEXITY),
                errorLoggingPlugin(
                  (error, requestId) => logger.error({ err: error, requestId }, 'unexpected error in a GraphQL operation'),
                  (error, requestId) => logger.warn({ err: error, requestId }, 'database refused a value sent by the client'),
                ),
              ],
            };
          },
        }),
        ...moduleImports,
      ],
    };
  }
}
