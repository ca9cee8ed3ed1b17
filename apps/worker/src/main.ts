import 'reflect-metadata';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ConfigError, startWorker } from '@coremis/core';

startWorker(MODULE_CATALOGUE).catch((error) => {
  process.stderr.write(error instanceof ConfigError ? `\nCoreMIS worker cannot start.\n${error.message}\n\n` : `${error?.stack ?? error}\n`);
  process.exit(1);
});
