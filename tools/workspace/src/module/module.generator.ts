import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { generateFiles, names, type GeneratorCallback, type Tree } from '@nx/devkit';

export interface ModuleGeneratorSchema {
  key: string;
  entity?: string;
  title?: string;
  skipCodegen?: boolean;
}

const KEY_PATTERN = /^[a-z][a-z0-9]{1,30}$/;
/** Names the workspace already uses for something that is not a business module. */
const RESERVED_KEYS = new Set(['core', 'catalogue', 'synthetic', 'tools', 'testing', 'shared', 'api', 'web', 'worker', 'admin']);

/** Template values; the names follow docs/module-guide.md. */
export function templateValues(options: ModuleGeneratorSchema, timestamp: number) {
  const key = options.key;
  const entity = options.entity ?? (key.endsWith('s') && key.length > 3 ? key.slice(0, -1) : `${key}item`);
  if (!KEY_PATTERN.test(key)) throw new Error(`Module key "${key}": use 2 to 31 lower-case letters and digits, starting with a letter`);
  if (!KEY_PATTERN.test(entity)) throw new Error(`Entity "${entity}": use 2 to 31 lower-case letters and digits, starting with a letter`);
  if (entity === key) throw new Error(`The entity name must differ from the module key ("${key}"): pass --entity`);
  if (RESERVED_KEYS.has(key)) throw new Error(`"${key}" is reserved for the platform`);
  // written into TypeScript string literals and translations
  if (options.title !== undefined && !/^[\p{L}\p{N} ,.()-]{1,60}$/u.test(options.title)) {
    throw new Error('The title may contain letters, digits, spaces and , . ( ) - only (60 at most)');
  }
  const plural = `${entity}s`;
  return {
    key,
    keyClass: names(key).className,
    keyProp: names(key).propertyName,
    keyConst: names(key).constantName,
    title: options.title ?? names(key).className,
    entityFile: names(entity).fileName,
    Entity: names(entity).className,
    ENTITY: names(entity).constantName,
    entity: names(entity).propertyName,
    plural: names(plural).propertyName,
    Plural: names(plural).className,
    pluralFile: names(plural).fileName,
    table: entity,
    timestamp,
    tmpl: '',
  };
}

/** Inserts `text` before the first match of `before` (a string that must exist) in a file. */
function insertBefore(tree: Tree, path: string, before: string | RegExp, text: string): void {
  const content = tree.read(path, 'utf-8');
  if (content === null) throw new Error(`${path} is missing`);
  const index = typeof before === 'string' ? content.indexOf(before) : content.search(before);
  if (index < 0) throw new Error(`${path}: cannot find where to register the module (${before})`);
  tree.write(path, content.slice(0, index) + text + content.slice(index));
}

/** Appends `item` to the array literal that follows `marker` (e.g. `= [`) in a file. */
function appendToArray(tree: Tree, path: string, marker: string, item: string): void {
  const content = tree.read(path, 'utf-8');
  if (content === null) throw new Error(`${path} is missing`);
  const start = content.indexOf(marker);
  if (start < 0) throw new Error(`${path}: cannot find "${marker}"`);
  const end = content.indexOf(']', start + marker.length);
  const inside = content.slice(start + marker.length, end).trimEnd();
  const updated = inside.includes('\n')
    ? `${inside}${inside.endsWith(',') ? '' : ','}\n  ${item},\n`
    : `${inside}${inside.length ? ', ' : ''}${item}`;
  tree.write(path, content.slice(0, start + marker.length) + updated + content.slice(end));
}

function addImport(tree: Tree, path: string, statement: string): void {
  const content = tree.read(path, 'utf-8') ?? '';
  const lastImport = content.lastIndexOf('\nimport ');
  const lineEnd = content.indexOf(';\n', lastImport) + 2;
  tree.write(path, content.slice(0, lineEnd) + statement + '\n' + content.slice(lineEnd));
}

/** Registers the module in the places a workspace lists modules (docs/module-guide.md, "Registering a module"). */
function register(tree: Tree, v: ReturnType<typeof templateValues>): void {
  // text edits rather than updateJson: the files keep their hand-made formatting
  insertBefore(
    tree,
    'tsconfig.base.json',
    /\n\s*\}\n\s*\},\n\s*"exclude"/,
    `,\n      "@coremis/${v.key}": ["libs/${v.key}/server/src/index.ts"],\n      "@coremis/${v.key}-web": ["libs/${v.key}/web/src/index.ts"]`,
  );
  appendToArray(tree, 'tsconfig.typecheck.json', '"include": [', `"libs/${v.key}/server/src/**/*.ts"`);

  addImport(tree, 'libs/catalogue/src/index.ts', `import { ${v.keyProp}Definition } from '@coremis/${v.key}';`);
  appendToArray(tree, 'libs/catalogue/src/index.ts', 'MODULE_CATALOGUE: readonly CoreMisModuleDefinition[] = [', `${v.keyProp}Definition`);

  addImport(tree, 'apps/web/src/app/web-modules.ts', `import { ${v.keyProp}WebDefinition } from '@coremis/${v.key}-web';`);
  appendToArray(tree, 'apps/web/src/app/web-modules.ts', 'WEB_MODULES: readonly WebModuleDefinition[] = [', `${v.keyProp}WebDefinition`);

  // the module reaches core and geo (area scope) and nothing else until it declares more
  insertBefore(
    tree,
    'eslint.config.mjs',
    /\n\s*\],\n\s*\},\n\s*\],\n/,
    `\n            { sourceTag: 'scope:${v.key}', onlyDependOnLibsWithTags: ['scope:${v.key}', 'scope:geo', 'scope:shared'] },`,
  );

  appendToArray(tree, 'tools/workspace/src/codegen/codegen.ts', 'WEB_LIBRARIES: readonly { readonly root: string }[] = [', `{ root: 'libs/${v.key}/web' }`);

  insertBefore(tree, 'tools/scripts/test-all.mjs', "'core-server', ", `'${v.key}-server', `);

  // the platform's scope test enumerates every root operation: the generated ones are proved by the module's own spec
  const proof = `'libs/${v.key}/server/src/${v.entityFile}.int-spec.ts (restricted user: reads and writes outside their areas refused)'`;
  const operations = [`Query.${v.entity}`, `Query.${v.plural}`, `Mutation.create${v.Entity}`, `Mutation.update${v.Entity}`];
  insertBefore(
    tree,
    'apps/api/src/area-scope.int-spec.ts',
    /(?<=const SCOPED_ELSEWHERE: Record<string, string> = \{\n)/,
    operations.map((op) => `  '${op}': ${proof},\n`).join(''),
  );
}

/**
 * `nx g @coremis/tools:module <key>`: a module's server and web libraries from the template of
 * docs/module-guide.md, registered everywhere a module is listed; then the API schema and the web client
 * types are regenerated (`nx run api:schema`, `npm run codegen`) so that the new web library compiles.
 */
export async function moduleGenerator(tree: Tree, options: ModuleGeneratorSchema): Promise<GeneratorCallback | void> {
  const values = templateValues(options, Date.now());
  for (const side of ['server', 'web']) {
    if (tree.exists(`libs/${values.key}/${side}`)) throw new Error(`libs/${values.key}/${side} already exists`);
  }
  const catalogue = tree.read('libs/catalogue/src/index.ts', 'utf-8') ?? '';
  if (catalogue.includes(`'@coremis/${values.key}'`)) throw new Error(`Module "${values.key}" is already in the catalogue`);

  generateFiles(tree, join(__dirname, 'files', 'server'), `libs/${values.key}/server`, values);
  generateFiles(tree, join(__dirname, 'files', 'web'), `libs/${values.key}/web`, values);
  register(tree, values);

  if (options.skipCodegen) return;
  return () => {
    const run = (command: string) => execSync(command, { cwd: tree.root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
    run('npx nx run api:schema --outputStyle=static');
    run('npm run codegen');
  };
}

export default moduleGenerator;
