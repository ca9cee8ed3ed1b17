import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  // generated client types (npm run codegen) are checked by the type checker, not linted
  { ignores: ['**/dist', '**/node_modules', '**/.angular', 'tmp/**', 'data/**', 'libs/*/web/src/lib/data/generated/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            // server code never reaches web code and vice versa; shared utilities are plain TypeScript
            { sourceTag: 'platform:server', onlyDependOnLibsWithTags: ['platform:server', 'platform:shared'] },
            { sourceTag: 'platform:web', onlyDependOnLibsWithTags: ['platform:web', 'platform:shared'] },
            { sourceTag: 'platform:shared', onlyDependOnLibsWithTags: ['platform:shared'] },
            // layering
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:catalogue', 'type:core', 'type:feature', 'type:util', 'type:testing'] },
            { sourceTag: 'type:catalogue', onlyDependOnLibsWithTags: ['type:module', 'type:core'] },
            { sourceTag: 'type:module', onlyDependOnLibsWithTags: ['type:module', 'type:core', 'type:util', 'type:testing'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:core', 'type:util'] },
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core', 'type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:core', 'type:util', 'type:catalogue'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            // a business module reaches another only through the modules it declares (extend per module)
            { sourceTag: 'scope:geo', onlyDependOnLibsWithTags: ['scope:geo', 'scope:shared'] },
            { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:registry', 'scope:geo', 'scope:shared'] },
            { sourceTag: 'scope:programs', onlyDependOnLibsWithTags: ['scope:programs', 'scope:registry', 'scope:geo', 'scope:shared'] },
            { sourceTag: 'scope:targeting', onlyDependOnLibsWithTags: ['scope:targeting', 'scope:programs', 'scope:registry', 'scope:geo', 'scope:shared'] },
            { sourceTag: 'scope:payment', onlyDependOnLibsWithTags: ['scope:payment', 'scope:programs', 'scope:registry', 'scope:geo', 'scope:shared'] },
            { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:registry', 'scope:geo', 'scope:shared'] },
            { sourceTag: 'scope:grm', onlyDependOnLibsWithTags: ['scope:grm', 'scope:registry', 'scope:geo', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
