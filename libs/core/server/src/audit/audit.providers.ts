import type { Provider } from '@nestjs/common';
import { SECURITY_EVENT_SINK } from '../identity/security-events';
import { AuditSecurityEventSink } from './audit-security-event.sink';
import { AuditService } from './audit.service';
import { AuditSubscriber } from './audit.subscriber';

/** Audit providers of CoreModule (API and worker): every module can inject AuditService. */
export const AUDIT_SERVICES: Provider[] = [AuditService, AuditSubscriber, { provide: SECURITY_EVENT_SINK, useClass: AuditSecurityEventSink }];
