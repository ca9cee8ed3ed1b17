export { Audited, AuditIgnore, type AuditedOptions } from './audited.decorator';
export type { AuditAnchor, AuditAction, AuditEntryInput, AuditRecord, AuditSearchFilter, AuditVerificationResult, FieldChange } from './audit-entry';
export { AuditService } from './audit.service';
export { AUDIT_BATCH_KEY, AUDIT_CHAIN_LOCK, type AuditBatchSeal, type AuditBatchSource, parseAuditAnchors, verifyAuditChain } from './audit-chain';
export { AuditAnchorService } from './audit-anchor.service';
export { AuthRefusalAuditor } from './auth-refusal-auditor.service';
export { AUDIT_OWNER_ROLE, protectAuditLog, type AuditProtection } from './audit-protection';
export { AuditEntry, AuditEntryConnection, AuditVerification } from './audit-entry.model';
