import 'reflect-metadata';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ConfigError, startApi } from '@coremis/core';

async function main(): Promise<void> {
  const api = await startApi({ catalogue: MODULE_CATALOGUE, schemaFile: process.env.GRAPHQL_SCHEMA_FILE ?? true });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal} received: stopping CoreMIS\n`);
    await api.close().catch((error) => process.stderr.write(`${error}\n`));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(error instanceof ConfigError ? `\nCoreMIS cannot start.\n${error.message}\n\n` : `\nCoreMIS failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
