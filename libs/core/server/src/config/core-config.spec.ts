import { ConfigError, loadConfig } from './core-config';

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
});
