import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PermissionsGuard } from '../access/permissions.guard';
import { AuthenticationGuard } from '../identity/authentication.guard';
import { AuditService } from './audit.service';
import { AuthRefusalAuditor } from './auth-refusal-auditor.service';

/**
 * Hands the permission and authentication guards (global APP_GUARDs, which cannot be injected by
 * class) the audit trail as their listeners, so that every refusal is recorded (refusals for want
 * of a valid sign-in through the rate-limited AuthRefusalAuditor). No guard in the worker.
 */
@Injectable()
export class AuditAccessDeniedRegistrar implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly audit: AuditService,
    private readonly refusals: AuthRefusalAuditor,
  ) {}

  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof PermissionsGuard) {
        instance.setAccessDeniedListener((operation, reason) => this.audit.recordAccessDenied(operation, reason));
        instance.setUnauthenticatedListener((operation, reason) => this.refusals.record({ operation, reason }));
      }
      if (instance instanceof AuthenticationGuard) instance.setHttpRefusalListener((refusal) => this.refusals.record(refusal));
    }
  }
}
