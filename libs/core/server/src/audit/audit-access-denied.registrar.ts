import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PermissionsGuard } from '../access/permissions.guard';
import { AuditService } from './audit.service';

/**
 * Hands the permission guard (a global APP_GUARD, which cannot be injected by class) the audit
 * trail as its access-denied listener, so that every refusal is recorded. No guard in the worker.
 */
@Injectable()
export class AuditAccessDeniedRegistrar implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof PermissionsGuard) instance.setAccessDeniedListener((operation, reason) => this.audit.recordAccessDenied(operation, reason));
    }
  }
}
