import { Injectable } from '@nestjs/common';
import type { SecurityEvent, SecurityEventSink } from '../identity/security-events';
import { AuditService } from './audit.service';

/** Where the identity layer sends logins, failed logins and other security events: the audit trail. */
@Injectable()
export class AuditSecurityEventSink implements SecurityEventSink {
  constructor(private readonly audit: AuditService) {}

  record(event: SecurityEvent): Promise<void> {
    return this.audit.recordStandalone({ action: event.action, userId: event.userId, username: event.username, details: event.details ?? null });
  }
}
