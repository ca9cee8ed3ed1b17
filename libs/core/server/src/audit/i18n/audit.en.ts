/** Server strings of the audit trail, under `core.audit.*`. */
export const auditEn = {
  errors: {
    anchorFileUnreadable: 'The audit anchor file (AUDIT_ANCHOR_FILE) cannot be read; ask the administrator to check it.',
    invalidPeriod: 'The start of the period must be before its end.',
  },
  permissions: {
    view: 'Search the audit trail',
    verify: 'Verify that the audit trail has not been tampered with',
  },
  actions: {
    AUTH_REFUSED: 'Refused: not signed in',
    AUTH_REFUSED_SUPPRESSED: 'Refusals not logged (rate limit)',
    LOGIN_THROTTLED: 'Sign-ins throttled',
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
