import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsTree } from 'nx/src/generators/tree';
import { moduleGenerator, templateValues } from './module.generator';
import { createScratchWorkspace, WORKSPACE_ROOT } from './scratch-workspace';

describe('module generator', () => {
  describe('on the workspace, in memory', () => {
    it('refuses malformed keys, a key equal to its entity, and existing modules', async () => {
      expect(() => templateValues({ key: 'Bad-Key' }, 1)).toThrow(/lower-case letters and digits/);
      expect(() => templateValues({ key: 'x' }, 1)).toThrow(/lower-case letters and digits/);
      expect(() => templateValues({ key: 'cases', entity: 'cases' }, 1)).toThrow(/must differ/);
      expect(() => templateValues({ key: 'catalogue' }, 1)).toThrow(/reserved/);
      expect(() => templateValues({ key: 'cases', title: "Cases'); drop" }, 1)).toThrow(/title may contain/);
      expect(templateValues({ key: 'cases', title: 'Gestion des cas (pilote)' }, 1)).toMatchObject({ Entity: 'Case', plural: 'cases', title: 'Gestion des cas (pilote)' });
      const tree = new FsTree(WORKSPACE_ROOT, false);
      await expect(moduleGenerator(tree, { key: 'registry', skipCodegen: true })).rejects.toThrow('libs/registry/server already exists');
      expect(tree.listChanges()).toEqual([]);
    });

    it('lays the module out as the module guide says and registers it, without writing to disk', async () => {
      const tree = new FsTree(WORKSPACE_ROOT, false);
      await moduleGenerator(tree, { key: 'grievances', skipCodegen: true });
      const changed = tree.listChanges().map((change) => `${change.type} ${change.path}`);
      expect(changed).toEqual(
        expect.arrayContaining([
          'CREATE libs/grievances/server/src/grievances.definition.ts',
          'CREATE libs/grievances/server/src/entities/grievance.entity.ts',
          expect.stringMatching(/^CREATE libs\/grievances\/server\/src\/migrations\/\d{13}-grievances-schema\.ts$/),
          'CREATE libs/grievances/server/src/grievance.resolver.ts',
          'CREATE libs/grievances/server/src/grievance.service.ts',
          'CREATE libs/grievances/server/src/dto/grievance.inputs.ts',
          'CREATE libs/grievances/server/src/dto/grievance.inputs.spec.ts',
          'CREATE libs/grievances/server/src/grievance.int-spec.ts',
          'CREATE libs/grievances/server/src/i18n/grievances.pt.ts',
          'CREATE libs/grievances/web/src/grievances.web-definition.ts',
          'CREATE libs/grievances/web/src/lib/grievances/grievance-list.page.ts',
          'CREATE libs/grievances/web/src/lib/data/grievance.queries.ts',
          'UPDATE tsconfig.base.json',
          'UPDATE tsconfig.typecheck.json',
          'UPDATE libs/catalogue/src/index.ts',
          'UPDATE apps/web/src/app/web-modules.ts',
          'UPDATE eslint.config.mjs',
          'UPDATE tools/workspace/src/codegen/codegen.ts',
          'UPDATE tools/scripts/test-all.mjs',
        ]),
      );
      expect(JSON.parse(tree.read('tsconfig.base.json', 'utf-8')!).compilerOptions.paths['@coremis/grievances-web']).toEqual(['libs/grievances/web/src/index.ts']);
      expect(tree.read('eslint.config.mjs', 'utf-8')).toContain("{ sourceTag: 'scope:grievances', onlyDependOnLibsWithTags: ['scope:grievances', 'scope:geo', 'scope:shared'] }");
      expect(JSON.parse(tree.read('libs/grievances/server/project.json', 'utf-8')!).tags).toEqual(['type:module', 'platform:server', 'scope:grievances']);
      expect(existsSync(join(WORKSPACE_ROOT, 'libs/grievances'))).toBe(false);
    });
  });

  // The generator's real use: `nx g` in a copy of the workspace, then the schema and client types are
  // regenerated, and the result must type-check (server and Angular templates), lint and pass its tests.
  it('creates a module that builds, lints and passes its unit and integration tests', () => {
    const scratch = createScratchWorkspace();
    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' };
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { cwd: scratch.dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    };
    try {
      run('npx', ['nx', 'g', '@coremis/tools:module', 'benefits', '--no-interactive']);
      expect(readFileSync(join(scratch.dir, 'apps/api/schema.gql'), 'utf8')).toContain('benefits(after: String, filter: BenefitFilter, first: Int! = 50): BenefitConnection!');
      expect(existsSync(join(scratch.dir, 'libs/benefits/web/src/lib/data/generated/graphql.ts'))).toBe(true);
      run('npx', ['tsc', '-p', 'tsconfig.typecheck.json', '--noEmit']);
      run('npx', ['ngc', '-p', 'libs/benefits/web/tsconfig.json']);
      run('npx', ['eslint', '--max-warnings', '0', 'libs/benefits/server/src', 'libs/benefits/web/src', 'libs/catalogue/src', 'apps/web/src']);
      const tests = run('npx', ['jest', '--ci', '--selectProjects', 'benefits-server', '--json']);
      const report = JSON.parse(tests.slice(tests.indexOf('{')));
      expect(report.numTotalTestSuites).toBe(2);
      expect(report.numFailedTests).toBe(0);
      expect(report.numPassedTests).toBeGreaterThanOrEqual(8);
    } finally {
      scratch.remove();
    }
  }, 360_000);
});
