import { ConfigError, DEV_ENCRYPTION_KEY, DEV_JWT_SECRET, loadConfig, trustProxySetting } from './core-config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DEMO_DATA).toBe(false);
  });

  it('parses numbers and booleans from the environment', () => {
    const config = loadConfig({ PORT: '8080', DEMO_DATA: 'true', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.PORT).toBe(8080);
    expect(config.DEMO_DATA).toBe(true);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('fails fast with every problem listed', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL must look like postgres:\/\//);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('checks the bulk-index settings of the registry and grm modules', () => {
    expect(loadConfig({ GRM_BULK_INDEX_RATIO: '0.25', REGISTRY_BULK_INDEX_THRESHOLD: '500000' })).toMatchObject({ GRM_BULK_INDEX_RATIO: 0.25, REGISTRY_BULK_INDEX_THRESHOLD: 500000 });
    expect(() => loadConfig({ GRM_BULK_INDEX_RATIO: 'half' })).toThrow(/GRM_BULK_INDEX_RATIO/);
    expect(() => loadConfig({ GRM_BULK_INDEX_THRESHOLD: '-1' })).toThrow(/GRM_BULK_INDEX_THRESHOLD/);
    expect(() => loadConfig({ REGISTRY_BULK_INDEX_LOCK_TIMEOUT_MS: '5s' })).toThrow(/REGISTRY_BULK_INDEX_LOCK_TIMEOUT_MS/);
  });

  it('requires a strong JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(/ENCRYPTION_KEY: required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'y'.repeat(32) }).NODE_ENV).toBe('production');
  });

  it('validates the job settings: queue prefix, retention, and a heartbeat well within the lease', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ QUEUE_PREFIX: 'coremis', JOB_RETENTION_HOURS: 24, JOB_LEASE_MS: 60000, JOB_HEARTBEAT_MS: 10000, JOB_SWEEP_MS: 15000, JOB_MAX_ATTEMPTS: 3 });
    expect(loadConfig({ QUEUE_PREFIX: 'site-b.test_1', JOB_RETENTION_HOURS: '48' })).toMatchObject({ QUEUE_PREFIX: 'site-b.test_1', JOB_RETENTION_HOURS: 48 });
    expect(() => loadConfig({ QUEUE_PREFIX: 'bad:prefix' })).toThrow(/QUEUE_PREFIX must be/);
    expect(() => loadConfig({ JOB_RETENTION_HOURS: '0' })).toThrow(/JOB_RETENTION_HOURS/);
    expect(() => loadConfig({ JOB_LEASE_MS: '1000', JOB_HEARTBEAT_MS: '600' })).toThrow(/JOB_HEARTBEAT_MS: must be at most half of JOB_LEASE_MS/);
    expect(() => loadConfig({ JOB_MAX_ATTEMPTS: '0' })).toThrow(/JOB_MAX_ATTEMPTS/);
  });

  const secrets = { JWT_SECRET: 'j'.repeat(32), ENCRYPTION_KEY: 'k'.repeat(32) };
  const database = { DATABASE_URL: 'postgres://app:secret@db:5432/coremis' };

  it('refuses demo data under NODE_ENV=production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true', ...secrets })).toThrow(/DEMO_DATA: demo data \(with published passwords\) is refused/);
    expect(loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'false', ...secrets }).DEMO_DATA).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
  });

  it('refuses the development secrets with a real DATABASE_URL unless the operator opts in', () => {
    expect(() => loadConfig({ ...database })).toThrow(/JWT_SECRET: the development value is refused with a real DATABASE_URL/);
    expect(() => loadConfig({ ...database, JWT_SECRET: secrets.JWT_SECRET })).toThrow(/ENCRYPTION_KEY: the development value is refused/);
    // the published development values count as missing
    expect(() => loadConfig({ ...database, JWT_SECRET: DEV_JWT_SECRET, ENCRYPTION_KEY: secrets.ENCRYPTION_KEY })).toThrow(/JWT_SECRET: the development value/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, ENCRYPTION_KEY: DEV_ENCRYPTION_KEY })).toThrow(/JWT_SECRET: required[\s\S]*ENCRYPTION_KEY: required/);
    expect(loadConfig({ ...database, ...secrets }).DATABASE_URL).toBe(database.DATABASE_URL);
    expect(loadConfig({ ...database, ALLOW_DEVELOPMENT_SECRETS: 'true' }).ALLOW_DEVELOPMENT_SECRETS).toBe(true);
    expect(loadConfig({ ...database, NODE_ENV: 'test' }).NODE_ENV).toBe('test');
    // the embedded database (no DATABASE_URL) is development by nature
    expect(loadConfig({}).JWT_SECRET).toBeUndefined();
    // the opt-in never applies in production
    expect(() => loadConfig({ ...database, NODE_ENV: 'production', ALLOW_DEVELOPMENT_SECRETS: 'true' })).toThrow(/JWT_SECRET: required/);
  });

  it('accepts a proxy hop count or subnet list and nothing that would trust every forwarded address', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY).toBe('10.0.0.0/8, loopback');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must be a hop count/);
    expect(() => loadConfig({ TRUST_PROXY: '*' })).toThrow(/TRUST_PROXY/);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('10.0.0.0/8, loopback')).toEqual(['10.0.0.0/8', 'loopback']);
  });

  it('validates the rate limits, grace window and anchor schedule', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ REFRESH_GRACE_SECONDS: 10, LOGIN_RATE_PER_MINUTE: 30, AUTH_REFUSAL_AUDIT_PER_MINUTE: 20, AUDIT_ANCHOR_INTERVAL_MINUTES: 60 });
    expect(() => loadConfig({ REFRESH_GRACE_SECONDS: '600' })).toThrow(/REFRESH_GRACE_SECONDS/);
    expect(() => loadConfig({ LOGIN_RATE_PER_MINUTE: '0' })).toThrow(/LOGIN_RATE_PER_MINUTE/);
    expect(() => loadConfig({ DATABASE_MIGRATION_URL: 'mysql://x' })).toThrow(/DATABASE_MIGRATION_URL must look like/);
    expect(() => loadConfig({ RATE_LIMIT_KEY_PREFIX: 'a b' })).toThrow(/RATE_LIMIT_KEY_PREFIX/);
  });
});
