import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

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

  /** Country calling code given to national phone numbers to store them in E.164 (e.g. 257 Burundi, 258 Mozambique); empty keeps them as written. */
  @Matches(/^(\+?[1-9][0-9]{0,2})?$/, { message: 'PHONE_COUNTRY_CODE must be a country calling code such as 257 or +258' })
  PHONE_COUNTRY_CODE = '';

  /** In Redis mode the API only enqueues; set true to also run processors inside the API. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  RUN_JOBS_IN_API = false;

  /** BullMQ key prefix: deployments (or test runs) sharing one Redis never consume each other's jobs. */
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1 to 64 letters, digits, ".", "_" or "-"' })
  QUEUE_PREFIX = 'coremis';

  /** Finished BullMQ entries are removed from Redis after this many hours (the job rows stay in PostgreSQL). */
  @Transform(({ value }) => (value === undefined ? 24 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  JOB_RETENTION_HOURS = 24;

  /** Exported list files (CSV/XLSX) are deleted this many hours after they were written. */
  @Transform(({ value }) => (value === undefined ? 24 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  EXPORT_RETENTION_HOURS = 24;

  /** A running job's lease: another process takes the job over when its heartbeat stops for this long. */
  @Transform(({ value }) => (value === undefined ? 60000 : Number(value)))
  @IsInt()
  @Min(200)
  JOB_LEASE_MS = 60000;

  /** How often a running job renews its lease (well under JOB_LEASE_MS). */
  @Transform(({ value }) => (value === undefined ? 10000 : Number(value)))
  @IsInt()
  @Min(50)
  JOB_HEARTBEAT_MS = 10000;

  /** How often each consuming process looks for expired leases and for committed jobs not yet dispatched. */
  @Transform(({ value }) => (value === undefined ? 15000 : Number(value)))
  @IsInt()
  @Min(50)
  JOB_SWEEP_MS = 15000;

  /** First retry delay after a failure or an interruption; doubles with each attempt. */
  @Transform(({ value }) => (value === undefined ? 10000 : Number(value)))
  @IsInt()
  @Min(0)
  JOB_RETRY_BASE_MS = 10000;

  /** Attempts of a job (first run included) unless its processor says otherwise. */
  @Transform(({ value }) => (value === undefined ? 3 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(20)
  JOB_MAX_ATTEMPTS = 3;
  /**
   * Uses the built-in development JWT secret and encryption key even though DATABASE_URL is set
   * (never under NODE_ENV=production). Without it they are refused with a real database.
   */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  ALLOW_DEVELOPMENT_SECRETS = false;

  /** Runs migrations with this (owner) URL instead of DATABASE_URL; the application role then needs no DDL rights. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_MIGRATION_URL must look like postgres://user:password@host:5432/database' })
  DATABASE_MIGRATION_URL?: string;

  /** Seconds after a refresh token's rotation during which presenting it again returns the same new pair instead of revoking the session. */
  @Transform(({ value }) => (value === undefined ? 10 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_GRACE_SECONDS = 10;

  /** Login attempts per client address per minute, counted across API replicas (in Redis when REDIS_URL is set). */
  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_RATE_PER_MINUTE = 30;

  /** Prefix of the rate-limit keys in Redis. */
  @IsString()
  @Matches(/^[\w:.-]{1,100}$/, { message: 'RATE_LIMIT_KEY_PREFIX must be 1 to 100 letters, digits, ":", ".", "_" or "-"' })
  RATE_LIMIT_KEY_PREFIX = 'coremis:rate:';

  /**
   * Express "trust proxy": the number of proxy hops in front of the API (e.g. 1), or a comma list of
   * proxy addresses or subnets (e.g. 10.0.0.0/8, loopback). Unset: the client address is the
   * socket's and X-Forwarded-For is ignored.
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/, {
    message: 'TRUST_PROXY must be a hop count (e.g. 1) or a comma list of proxy addresses or subnets (e.g. 10.0.0.0/8, loopback)',
  })
  TRUST_PROXY?: string;

  /** Refused calls (missing, invalid or expired token, revoked session) audited per client address per minute; the rest are counted in a summary entry. */
  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  AUTH_REFUSAL_AUDIT_PER_MINUTE = 20;

  /** Minutes between two exports of the audit chain's head (0 disables the schedule). */
  @Transform(({ value }) => (value === undefined ? 60 : Number(value)))
  @IsInt()
  @Min(0)
  AUDIT_ANCHOR_INTERVAL_MINUTES = 60;

  /** File to which each audit anchor is appended (one JSON line); a log line is written in any case. */
  @IsOptional()
  @IsString()
  AUDIT_ANCHOR_FILE?: string;

  @Transform(({ value }) => (value === undefined ? 15 : Number(value)))
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 15;

  @Transform(({ value }) => (value === undefined ? 5000 : Number(value)))
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COMPLEXITY = 5000;

  /**
   * Memory (MB) of the API's cache of list and detail pages (`@CacheableQuery` root fields), per actor,
   * language and data version; 0 turns it off. Any committed write to a watched table makes every entry stale.
   */
  @Transform(({ value }) => (value === undefined ? 64 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(4096)
  RESPONSE_CACHE_MB = 64;

  /** Longest life (seconds) of a cached page, for what changes with time alone (ages, deadlines). */
  @Transform(({ value }) => (value === undefined ? 60 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  RESPONSE_CACHE_TTL_SECONDS = 60;

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

  // bulk writes to the registry's tables (README, Configuration): read by the registry and grm modules, checked here
  // because a mistyped number would otherwise make every batch drop the indexes
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  REGISTRY_BULK_INDEX_THRESHOLD?: number;

  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsNumber()
  @Min(0)
  REGISTRY_BULK_INDEX_RATIO?: number;

  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  GRM_BULK_INDEX_THRESHOLD?: number;

  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsNumber()
  @Min(0)
  GRM_BULK_INDEX_RATIO?: number;

  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(600_000)
  REGISTRY_BULK_INDEX_LOCK_TIMEOUT_MS?: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): CoreConfig {
  const known = Object.keys(new CoreConfig());
  const raw: Record<string, unknown> = {};
  const optional = ['DATABASE_URL', 'REDIS_URL', 'ENABLED_MODULES', 'MODULES_CONFIG', 'JWT_SECRET', 'ENCRYPTION_KEY', 'BOOTSTRAP_ADMIN_PASSWORD', 'WEB_DIST'];
  const bulk = ['REGISTRY_BULK_INDEX_THRESHOLD', 'REGISTRY_BULK_INDEX_RATIO', 'GRM_BULK_INDEX_THRESHOLD', 'GRM_BULK_INDEX_RATIO', 'REGISTRY_BULK_INDEX_LOCK_TIMEOUT_MS'];
  for (const key of new Set([...known, ...optional, ...bulk, 'DATABASE_MIGRATION_URL', 'TRUST_PROXY', 'AUDIT_ANCHOR_FILE'])) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(CoreConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.JOB_HEARTBEAT_MS * 2 > config.JOB_LEASE_MS) {
    throw new ConfigError('Invalid configuration:\n  - JOB_HEARTBEAT_MS: must be at most half of JOB_LEASE_MS');
  }
  const problems: string[] = [];
  const developmentSecrets = (['JWT_SECRET', 'ENCRYPTION_KEY'] as const).filter((k) => !config[k] || config[k] === DEVELOPMENT_VALUES[k]);
  if (config.NODE_ENV === 'production') {
    for (const k of developmentSecrets) problems.push(`${k}: required when NODE_ENV=production (at least 32 random characters, not the development value)`);
    if (config.DEMO_DATA) problems.push('DEMO_DATA: demo data (with published passwords) is refused when NODE_ENV=production');
  } else if (config.DATABASE_URL && config.NODE_ENV !== 'test' && !config.ALLOW_DEVELOPMENT_SECRETS) {
    for (const k of developmentSecrets) {
      problems.push(`${k}: the development value is refused with a real DATABASE_URL; set ${k} (at least 32 random characters), or ALLOW_DEVELOPMENT_SECRETS=true for a throw-away database`);
    }
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return config;
}

/** Development-only secrets, so that `npm start` works out of the box; production refuses to start without real ones. */
export const DEV_JWT_SECRET = 'coremis-development-only-jwt-secret-change-me';
export const DEV_ENCRYPTION_KEY = 'coremis-development-only-encryption-key-change-me';
const DEVELOPMENT_VALUES = { JWT_SECRET: DEV_JWT_SECRET, ENCRYPTION_KEY: DEV_ENCRYPTION_KEY } as const;

/** TRUST_PROXY as Express's "trust proxy" setting: a hop count or a list of addresses and subnets. */
export function trustProxySetting(value: string): number | string[] {
  return /^\d+$/.test(value) ? Number(value) : value.split(',').map((part) => part.trim()).filter(Boolean);
}
