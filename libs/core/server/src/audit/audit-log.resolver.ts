import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions } from '../access/require-permissions.decorator';
import { CostlyOperation } from '../graphql/costly-operation.decorator';
import { AuditEntry, AuditEntryConnection, AuditVerification } from './audit-entry.model';
import { AuditLogArgs } from './audit-log.inputs';
import { AuditService } from './audit.service';

/** Read-only by design: the API offers no way to change or delete audit entries. */
@Resolver(() => AuditEntry)
export class AuditLogResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEntryConnection, { description: 'The audit trail, newest first.' })
  @RequirePermissions('core.audit.view')
  auditLog(@Args() args: AuditLogArgs): Promise<AuditEntryConnection> {
    return this.audit.search(args.filter ?? {}, args) as Promise<AuditEntryConnection>;
  }

  @Query(() => AuditVerification, { description: 'Recomputes the hash chain of the whole trail; slow on large trails.' })
  @RequirePermissions('core.audit.verify')
  @CostlyOperation()
  verifyAuditTrail(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
