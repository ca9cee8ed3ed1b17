import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions } from '../access/require-permissions.decorator';
import { CostlyOperation } from '../graphql/costly-operation.decorator';
import { AuditEntry, AuditEntryConnection, AuditVerification } from './audit-entry.model';
import { Logger } from '@nestjs/common';
import { AppError } from '../graphql/app-error';
import { AuditAnchorService } from './audit-anchor.service';
import { AuditLogArgs, VerifyAuditTrailArgs } from './audit-log.inputs';
import { AuditService } from './audit.service';

/** Read-only by design: the API offers no way to change or delete audit entries. */
@Resolver(() => AuditEntry)
export class AuditLogResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly anchors: AuditAnchorService,
  ) {}

  @Query(() => AuditEntryConnection, { description: 'The audit trail, newest first.' })
  @RequirePermissions('core.audit.view')
  auditLog(@Args() args: AuditLogArgs): Promise<AuditEntryConnection> {
    return this.audit.search(args.filter ?? {}, args, args.order) as Promise<AuditEntryConnection>;
  }

  @Query(() => AuditVerification, { description: 'Recomputes the hash chain of the whole trail and checks the exported anchors (AUDIT_ANCHOR_FILE and `anchors`); slow on large trails.' })
  @RequirePermissions('core.audit.verify')
  @CostlyOperation()
  async verifyAuditTrail(@Args() args: VerifyAuditTrailArgs): Promise<AuditVerification> {
    let stored;
    try {
      stored = await this.anchors.storedAnchors();
    } catch (error) {
      new Logger('AuditAnchor').error({ err: error }, 'AUDIT_ANCHOR_FILE cannot be read');
      throw new AppError('INTERNAL_SERVER_ERROR', 'core.audit.errors.anchorFileUnreadable');
    }
    return this.audit.verify([...stored, ...(args.anchors ?? [])]);
  }
}
