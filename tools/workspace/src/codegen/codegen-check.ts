// Regenerates the web libraries' GraphQL client types in memory and fails when the checked-in files differ
// (a schema change that breaks an operation fails here; a changed result type then fails the web type check).
// Also checks that every typed operation (`gql<Result, Variables>`) names the generated types of its own
// operation, so a document and its types cannot drift apart. `--write` writes the files instead.
import { generate } from '@graphql-codegen/cli';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import config, { WEB_LIBRARIES } from './codegen';
import { mismatchedOperationTypes } from './operation-types';

const root = resolve(__dirname, '../../../..');

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  process.chdir(root);
  const outputs = await generate({ ...config, silent: true, verbose: false }, false);
  let stale = 0;
  for (const output of outputs) {
    const file = resolve(root, output.filename);
    if (write) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, output.content);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: reported as stale below
    }
    if (current !== output.content) {
      stale += 1;
      console.error(`stale: ${relative(root, file)} (run npm run codegen and commit the result)`);
    }
  }
  let mismatched = 0;
  for (const { root: libRoot } of WEB_LIBRARIES) {
    const sources = readdirSync(join(root, libRoot, 'src'), { recursive: true, encoding: 'utf8' });
    for (const file of sources.filter((name) => name.endsWith('.queries.ts')).map((name) => join(libRoot, 'src', name))) {
      for (const problem of mismatchedOperationTypes(readFileSync(resolve(root, file), 'utf8'))) {
        mismatched += 1;
        console.error(`${file}: ${problem}`);
      }
    }
  }
  if (stale || mismatched) process.exit(1);
  console.log(write ? `codegen: wrote ${outputs.length} files` : `codegen: ${outputs.length} generated files up to date`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
