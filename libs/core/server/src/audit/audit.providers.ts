import type { Provider } from '@nestjs/common';
import { ACCESS_DENIED_LISTENER, type AccessDeniedListener } from '../access/permissions.guard';
import { SECURITY_EVENT_SINK } from '../identity/security-events';
import { AuditAccessDeniedRegistrar } from './audit-access-denied.registrar';
import { AuditSecurityEventSink } from './audit-security-event.sink';
import { AuditService } from './audit.service';
import { AuthRefusalAuditor } from './auth-refusal-auditor.service';
import { AuditSubscriber } from './audit.subscriber';

/** Audit providers of CoreModule (API and worker): every module can inject AuditService. */
export const AUDIT_SERVICES: Provider[] = [
  AuditService,
  AuditSubscriber,
  AuditAccessDeniedRegistrar,
  AuthRefusalAuditor,
  { provide: SECURITY_EVENT_SINK, useClass: AuditSecurityEventSink },
  {
    provide: ACCESS_DENIED_LISTENER,
    inject: [AuditService],
    useFactory: (audit: AuditService): AccessDeniedListener => (operation, reason) => audit.recordAccessDenied(operation, reason),
  },
];
