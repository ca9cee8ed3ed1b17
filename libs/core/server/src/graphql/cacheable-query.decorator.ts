const CACHEABLE_ROOT_FIELDS = new Set<string>();

/**
 * Marks a root query whose answer depends only on the caller (user, roles, permissions, areas),
 * the language, the arguments and rows of watched tables (every table of the modules' schemas but
 * sessions, refresh tokens, jobs and the audit log, see `watchDataChanges`): the API may then answer
 * it again from its response cache until any of those changes. Audit entries about a record are
 * written with the record, so a record's history stays fresh; a query whose answer moves with the
 * clock, a job's progress, sign-ins or anything outside PostgreSQL must not be marked.
 */
export function CacheableQuery(fieldName?: string): MethodDecorator {
  return (_target, key) => {
    CACHEABLE_ROOT_FIELDS.add(fieldName ?? String(key));
  };
}

export function isCacheableRootField(name: string): boolean {
  return CACHEABLE_ROOT_FIELDS.has(name);
}
