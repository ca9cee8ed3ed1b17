import { randomUUID } from 'node:crypto';
import type { CoreConfig } from '../config/core-config';
import { RateLimiterService } from './rate-limiter.service';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['process memory', undefined],
  ['Redis', REDIS_URL],
])('RateLimiterService in %s', (_name, redisUrl) => {
  const services: RateLimiterService[] = [];
  const prefix = `coremis-test-${randomUUID()}:`;
  const service = () => {
    const s = new RateLimiterService({ REDIS_URL: redisUrl, RATE_LIMIT_KEY_PREFIX: prefix } as CoreConfig);
    services.push(s);
    return s;
  };
  afterAll(() => Promise.all(services.map((s) => s.onModuleDestroy())));

  it('counts hits per key in a fixed window and refuses past the limit', async () => {
    const limiter = service();
    const key = randomUUID();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.consume('login', key, 3, 60));
    expect(results.map((r) => [r.allowed, r.count])).toEqual([[true, 1], [true, 2], [true, 3], [false, 4]]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(55);
    expect((await limiter.consume('login', `${key}:other`, 3, 60)).allowed).toBe(true);
    expect((await limiter.consume('other-bucket', key, 3, 60)).count).toBe(1);
  });

  it('lets a cooldown start once per period and says how long to wait', async () => {
    const limiter = service();
    const key = randomUUID();
    expect(await limiter.takeCooldown('costly', key, 30)).toBe(0);
    const wait = await limiter.takeCooldown('costly', key, 30);
    expect(wait).toBeGreaterThanOrEqual(29);
    expect(wait).toBeLessThanOrEqual(30);
    expect(await limiter.takeCooldown('costly', `${key}:other`, 30)).toBe(0);
  });

  it('frees the key when the window is over', async () => {
    const limiter = service();
    const key = randomUUID();
    expect(await limiter.takeCooldown('costly', key, 1)).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await limiter.takeCooldown('costly', key, 1)).toBe(0);
  });

  if (redisUrl) {
    it('is shared by every process on the same Redis (two services stand for two replicas)', async () => {
      const key = randomUUID();
      expect(await service().takeCooldown('costly', key, 30)).toBe(0);
      expect(await service().takeCooldown('costly', key, 30)).toBeGreaterThan(0);
      expect((await service().consume('login', key, 1, 30)).count).toBe(1);
      expect((await service().consume('login', key, 1, 30)).allowed).toBe(false);
    });
  } else {
    it('falls back to process memory when Redis does not answer', async () => {
      const limiter = new RateLimiterService({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_KEY_PREFIX: prefix } as CoreConfig);
      services.push(limiter);
      const key = randomUUID();
      expect(await limiter.takeCooldown('costly', key, 30)).toBe(0);
      expect(await limiter.takeCooldown('costly', key, 30)).toBeGreaterThan(0);
    });
  }
});
