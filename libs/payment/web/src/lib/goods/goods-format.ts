export type LineStatus = 'CREATED' | 'FLAGGED' | 'APPROVED' | 'SUBMITTED' | 'PAID' | 'FAILED' | 'CANCELLED' | 'RECONCILED';
