import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../module/scratch-workspace';
import { mismatchedOperationTypes } from './operation-types';

describe('web client types', () => {
  it('accepts operations typed with their own generated types', () => {
    expect(mismatchedOperationTypes('gql<AdminAreasQuery, AdminAreasQueryVariables>`\n  query AdminAreas($first: Int!) { x }`')).toEqual([]);
    expect(mismatchedOperationTypes('gql`\n  fragment AreaFields on AdminArea { id }`')).toEqual([]);
  });

  it("reports a document typed with another operation's types, or not typed", () => {
    expect(mismatchedOperationTypes('gql<UsersQuery, UsersQueryVariables>`query Roles { roles { id } }`')).toEqual([
      'Roles: gql<UsersQuery, UsersQueryVariables> should be gql<RolesQuery, RolesQueryVariables>',
    ]);
    expect(mismatchedOperationTypes('gql`mutation Logout { logout }`')).toEqual(['Logout: untyped gql; write gql<LogoutMutation, ...Variables>']);
  });

  it('passes on the committed schema and fails on one without a field a web operation reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coremis-codegen-'));
    const check = (env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['tools/scripts/run-ts.mjs', 'tools/workspace/src/codegen/codegen-check.ts'], {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    try {
      const schema = readFileSync(join(WORKSPACE_ROOT, 'apps/api/schema.gql'), 'utf8');
      const broken = schema.replace(/(type AdminArea \{[^}]*?)\n\s+childCount: Int!/, '$1');
      expect(broken).not.toBe(schema);
      writeFileSync(join(dir, 'schema.gql'), broken);
      const ok = check();
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const failed = check({ CODEGEN_SCHEMA: join(dir, 'schema.gql') });
      expect(failed.status).toBe(1);
      expect(failed.stderr).toMatch(/childCount/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
