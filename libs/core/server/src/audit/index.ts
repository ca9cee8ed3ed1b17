export { Audited, AuditIgnore, type AuditedOptions } from './audited.decorator';
export type { AuditAction, AuditEntryInput, AuditRecord, AuditSearchFilter, AuditVerificationResult, FieldChange } from './audit-entry';
export { AuditService } from './audit.service';
export { AUDIT_CHAIN_LOCK, verifyAuditChain } from './audit-chain';
export { AuditEntry, AuditEntryConnection, AuditVerification } from './audit-entry.model';
