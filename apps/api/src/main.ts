import { ConfigError } from '@coremis/core';
import { startApi } from './bootstrap';

startApi({ schemaFile: process.env.GRAPHQL_SCHEMA_FILE ?? true }).catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`\nCoreMIS cannot start.\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nCoreMIS failed to start: ${error?.stack ?? error}\n`);
  }
  process.exit(1);
});
