import { type Actor, type Job, RequestContext } from '@coremis/core';
import { REGISTRY_IMPORT_QUEUE } from './registry-import.service';

/**
 * Who may read an import's report (GraphQL `registryImportReport` and `errors.csv`): the user who
 * started it, or an administrator (`*`) without a geographic restriction. A report names households
 * and people of the importer's areas, so a restricted user never reads someone else's.
 */
export function mayReadImport(job: Job | null, actor: Actor | null = RequestContext.actor()): job is Job {
  if (!job || job.queue !== REGISTRY_IMPORT_QUEUE || !actor) return false;
  return job.createdBy === actor.userId || (actor.permissions.has('*') && actor.areaPaths === null);
}
