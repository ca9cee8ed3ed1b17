import { ConfigError } from '@coremis/core';
import { startWorker } from './bootstrap';

startWorker().catch((error) => {
  process.stderr.write(error instanceof ConfigError ? `\nCoreMIS worker cannot start.\n${error.message}\n\n` : `${error?.stack ?? error}\n`);
  process.exit(1);
});
