import { randomUUID } from 'node:crypto';
import { Cooldowns } from './costly-operation.guard';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['process memory', undefined],
  ['Redis', REDIS_URL],
])('Cooldowns in %s', (_name, redisUrl) => {
  const stores: Cooldowns[] = [];
  const store = () => {
    const s = new Cooldowns(redisUrl);
    stores.push(s);
    return s;
  };
  afterAll(() => Promise.all(stores.map((s) => s.close())));

  it('lets a key start once per cooldown and says how long to wait', async () => {
    const cooldowns = store();
    const key = `coremis:test:${randomUUID()}`;
    expect(await cooldowns.take(key, 30)).toBe(0);
    const wait = await cooldowns.take(key, 30);
    expect(wait).toBeGreaterThanOrEqual(29);
    expect(wait).toBeLessThanOrEqual(30);
    expect(await cooldowns.take(`${key}:other`, 30)).toBe(0);
  });

  it('frees the key when the cooldown is over', async () => {
    const cooldowns = store();
    const key = `coremis:test:${randomUUID()}`;
    expect(await cooldowns.take(key, 1)).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await cooldowns.take(key, 1)).toBe(0);
  });

  if (redisUrl) {
    it('is shared by every process on the same Redis (two stores stand for two replicas)', async () => {
      const key = `coremis:test:${randomUUID()}`;
      expect(await store().take(key, 30)).toBe(0);
      expect(await store().take(key, 30)).toBeGreaterThan(0);
    });
  }
});

