import 'reflect-metadata';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ConfigError, startApi } from '@coremis/core';

startApi({ catalogue: MODULE_CATALOGUE, schemaFile: process.env.GRAPHQL_SCHEMA_FILE ?? true }).catch((error) => {
  process.stderr.write(error instanceof ConfigError ? `\nCoreMIS cannot start.\n${error.message}\n\n` : `\nCoreMIS failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
