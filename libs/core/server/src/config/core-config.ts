import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Environment of every CoreMIS process, validated at start-up. */
export class CoreConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must look like postgres://user:password@host:5432/database' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;

  /** Comma list of business modules; "all" enables every module of the catalogue. */
  @IsOptional()
  @IsString()
  ENABLED_MODULES?: string;

  /** JSON file with { "modules": ["geo", ...] }; ENABLED_MODULES wins when both are set. */
  @IsOptional()
  @IsString()
  MODULES_CONFIG?: string;

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Where the embedded PostgreSQL keeps its files when DATABASE_URL is not set. */
  @IsString()
  DATA_DIR = './data';

  @Transform(({ value }) => (value === undefined ? 54329 : Number(value)))
  @IsInt()
  EMBEDDED_PG_PORT = 54329;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Secret signing access tokens; required in production. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Key encrypting secrets at rest (TOTP seeds); required in production. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ENCRYPTION_KEY must be at least 32 characters' })
  ENCRYPTION_KEY?: string;

  @Transform(({ value }) => (value === undefined ? 15 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(60)
  ACCESS_TOKEN_MINUTES = 15;

  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  SESSION_IDLE_MINUTES = 30;

  @Transform(({ value }) => (value === undefined ? 12 : Number(value)))
  @IsInt()
  @Min(1)
  SESSION_MAX_HOURS = 12;

  @Transform(({ value }) => (value === undefined ? 5 : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(({ value }) => (value === undefined ? 15 : Number(value)))
  @IsInt()
  @Min(1)
  LOCKOUT_MINUTES = 15;

  /** On a database without users, create the administrator "admin" with this password. */
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Directory of the built web app served by the API; empty disables it. */
  @IsOptional()
  @IsString()
  WEB_DIST?: string;

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  DEMO_DATA = false;

  /** In Redis mode the API only enqueues; set true to also run processors inside the API. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  RUN_JOBS_IN_API = false;

  @Transform(({ value }) => (value === undefined ? 15 : Number(value)))
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 15;

  @Transform(({ value }) => (value === undefined ? 5000 : Number(value)))
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COMPLEXITY = 5000;

  /** Largest JSON body (KB) of a request carrying a valid access token. */
  @Transform(({ value }) => (value === undefined ? 1024 : Number(value)))
  @IsInt()
  @Min(8)
  @Max(102400)
  GRAPHQL_MAX_BODY_KB = 1024;

  /** Largest JSON body (KB) of a request without a valid access token (login, refresh, public queries). */
  @Transform(({ value }) => (value === undefined ? 8 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1024)
  GRAPHQL_ANONYMOUS_MAX_BODY_KB = 8;

  /** Seconds a user waits between two runs of an operation marked `@CostlyOperation()` (0 = no limit). */
  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(0)
  COSTLY_OPERATION_COOLDOWN_SECONDS = 30;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): CoreConfig {
  const known = Object.keys(new CoreConfig());
  const raw: Record<string, unknown> = {};
  for (const key of new Set([...known, 'DATABASE_URL', 'REDIS_URL', 'ENABLED_MODULES', 'MODULES_CONFIG', 'JWT_SECRET', 'ENCRYPTION_KEY', 'BOOTSTRAP_ADMIN_PASSWORD', 'WEB_DIST'])) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(CoreConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.NODE_ENV === 'production') {
    const missing = (['JWT_SECRET', 'ENCRYPTION_KEY'] as const).filter((k) => !config[k]);
    if (missing.length) {
      throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  - ${k}: required when NODE_ENV=production (at least 32 characters)`).join('\n')}`);
    }
  }
  return config;
}

/** Development-only secrets, so that `npm start` works out of the box; production refuses to start without real ones. */
export const DEV_JWT_SECRET = 'coremis-development-only-jwt-secret-change-me';
export const DEV_ENCRYPTION_KEY = 'coremis-development-only-encryption-key-change-me';
