/** Server strings of the audit trail, under `core.audit.*`. */
export const auditEn = {
  errors: {
    invalidPeriod: 'The start of the period must be before its end.',
  },
  permissions: {
    view: 'Search the audit trail',
    verify: 'Verify that the audit trail has not been tampered with',
  },
  actions: {
    CREATE: 'Created',
    UPDATE: 'Changed',
    DELETE: 'Deleted',
    SOFT_DELETE: 'Archived',
    RESTORE: 'Restored',
    IMPORT: 'Imported',
    LOGIN: 'Logged in',
    LOGIN_FAILED: 'Failed login',
    LOGOUT: 'Logged out',
    ACCESS_DENIED: 'Access refused',
    APPROVE: 'Approved',
    REJECT: 'Rejected',
  },
};
