/**
 * A CoreMIS worker process with the real payment modules and nothing else (no test job): the submission kill test
 * (`submission/submission-kill.int-spec.ts`) runs the real payroll submission job in it and SIGKILLs it mid-batch.
 */
import 'reflect-metadata';
import { coreDefinition, startWorker } from '@coremis/core';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import { paymentDefinition } from '../../payment.definition';

async function main(): Promise<void> {
  await startWorker([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition], process.env);
  process.stdout.write('READY\n');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
