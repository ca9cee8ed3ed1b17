import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// Where no Docker engine runs, these checks keep docker/ consistent with the code; the compose smoke test
// (tools/scripts/compose-smoke.mjs) starts the stack for real where one does.
// the API's limit for import uploads (registry import files)
const MAX_UPLOAD_BYTES = 1024 ** 3;
const dockerDir = join(__dirname, '../../../docker');
const composeText = readFileSync(join(dockerDir, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, unknown>; ports?: string[] }>;
  volumes: Record<string, unknown>;
  'x-server-env': Record<string, string>;
};
const envExample = readFileSync(join(dockerDir, '.env.example'), 'utf8');
const nginx = readFileSync(join(dockerDir, 'nginx.conf'), 'utf8');
const dockerfile = readFileSync(join(dockerDir, 'Dockerfile'), 'utf8');

describe('docker deployment files', () => {
  it('lists every variable the compose file requires in .env.example', () => {
    const required = [...composeText.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]);
    expect(required).toEqual(expect.arrayContaining(['JWT_SECRET', 'ENCRYPTION_KEY', 'POSTGRES_PASSWORD', 'POSTGRES_APP_PASSWORD']));
    const listed = new Set([...envExample.matchAll(/^#?\s*([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(required.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('gives the api and the worker the production secrets, the same database, Redis and upload folder', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name].environment as Record<string, string>;
      expect(env).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', UPLOAD_DIR: '/app/data/uploads' });
      expect(env['JWT_SECRET']).toContain('JWT_SECRET:?');
      expect(env['ENCRYPTION_KEY']).toContain('ENCRYPTION_KEY:?');
      expect(env['DATABASE_URL']).toMatch(/@postgres:5432\/coremis$/);
      expect(compose.services[name].volumes).toContain('uploads:/app/data/uploads');
    }
    expect(Object.keys(compose.volumes)).toContain('uploads');
    expect(compose.services['api'].ports).toBeUndefined();
    expect(compose.services['web'].depends_on).toMatchObject({ api: { condition: 'service_healthy' } });
  });

  it('runs the API and the workers as a plain role, and migrations once as the owner before them', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name].environment as Record<string, string>;
      expect(env['DATABASE_URL']).toMatch(/^postgres:\/\/coremis_app:/);
      expect(env['DATABASE_MIGRATION_URL']).toBeUndefined();
    }
    const migrate = compose.services['migrate'] as { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown> };
    expect(migrate.command?.join(' ')).toContain('dist/server/apps/api/src/migrate.js');
    expect(migrate.environment?.['DATABASE_MIGRATION_URL']).toMatch(/^postgres:\/\/coremis:.*@postgres:5432\/coremis$/);
    expect(migrate.environment?.['DATABASE_URL']).toMatch(/^postgres:\/\/coremis_app:/);
    expect(compose.services['api'].depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
    expect(compose.services['postgres'].volumes).toContain('./postgres-init:/docker-entrypoint-initdb.d:ro');
    // server settings for registries of 1,000,000 people, each overridable from .env and listed there
    const postgresCommand = (compose.services['postgres'] as { command?: string[] }).command?.join(' ') ?? '';
    for (const [setting, variable] of [['shared_buffers', 'POSTGRES_SHARED_BUFFERS'], ['max_wal_size', 'POSTGRES_MAX_WAL_SIZE']]) {
      expect(postgresCommand).toContain(`-c ${setting}=\${${variable}:-`);
      expect(envExample).toMatch(new RegExp(`^# ${variable}=`, 'm'));
    }
    // the API's heap is capped and its young generation sized (both overridable, listed), the worker's are not: imports of a million rows run there
    expect((compose.services['api'].environment as Record<string, string>)['NODE_OPTIONS']).toBe('--max-old-space-size=${API_MAX_OLD_SPACE_MB:-320} --max-semi-space-size=${API_MAX_SEMI_SPACE_MB:-64}');
    expect(envExample).toMatch(/^# API_MAX_OLD_SPACE_MB=320$/m);
    expect(envExample).toMatch(/^# API_MAX_SEMI_SPACE_MB=64$/m);
    expect((compose.services['worker'].environment as Record<string, string>)['NODE_OPTIONS']).toBeUndefined();
    const init = readFileSync(join(dockerDir, 'postgres-init/01-application-role.sh'), 'utf8');
    expect(init).toMatch(/CREATE ROLE coremis_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE/);
    expect(statSync(join(dockerDir, 'postgres-init/01-application-role.sh')).mode & 0o111).not.toBe(0);
  });

  it('makes nginx forward every API path with an upload limit matching the API', () => {
    for (const path of ['/graphql', '/health', '/api/']) expect(nginx).toMatch(new RegExp(`location ${path.replace('/', '\\/')} \\{[^}]*proxy_pass http://coremis_api`));
    const limit = /client_max_body_size (\d+)([kmg])/.exec(nginx);
    expect(limit).not.toBeNull();
    const bytes = Number(limit?.[1]) * { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[limit?.[2] as 'k' | 'm' | 'g'];
    expect(bytes).toBeGreaterThanOrEqual(MAX_UPLOAD_BYTES);
  });

  it('builds images whose upload folder the unprivileged user can write', () => {
    expect(dockerfile).toMatch(/mkdir -p \/app\/data\/uploads && chown -R node:node \/app\/data\s+USER node/);
    expect(dockerfile).toMatch(/HEALTHCHECK[^\n]*\/health\/ready/);
  });
});
