import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditLogFilter } from '../audit/audit-log.inputs';
import { AuditService } from '../audit/audit.service';
import type { AuditRecord } from '../audit/audit-entry';
import { UserAdminService } from '../identity/user-admin.service';
import type { User } from '../identity/entities/user.entity';
import { UsersExportFilter } from './users-export.filter';
import { exportColumns, exportPageOf, ExportRegistry } from './exportable-list';

const HEADERS = 'core.exports.columns';
const json = (value: unknown) => (value ? JSON.stringify(value) : null);

/** The core's exportable lists: user accounts and the audit trail, through their list services. */
@Injectable()
export class CoreExports implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly users: UserAdminService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.registry.register<UsersExportFilter, User>({
      name: 'core.users',
      permission: 'core.users.view',
      filterType: UsersExportFilter,
      columns: exportColumns<User>(HEADERS, {
        username: (u) => u.username,
        displayName: (u) => u.displayName,
        email: (u) => u.email,
        isActive: (u) => u.isActive,
        unrestricted: (u) => u.areaIds === null,
        createdAt: (u) => u.createdAt,
      }),
      fetch: async (filter, page) => exportPageOf(await this.users.list({ search: filter.search, first: page.first, after: page.after ?? undefined })),
    });
    this.registry.register<AuditLogFilter, AuditRecord>({
      name: 'core.audit',
      permission: 'core.audit.view',
      filterType: AuditLogFilter,
      columns: exportColumns<AuditRecord>(HEADERS, {
        occurredAt: (r) => r.occurredAt,
        username: (r) => r.username,
        action: (r) => r.action,
        entityType: (r) => r.entityType,
        entityId: (r) => r.entityId,
        changes: (r) => json(r.changes),
        details: (r) => json(r.details),
        ip: (r) => r.ip,
        requestId: (r) => r.requestId,
      }),
      fetch: async (filter, page) => exportPageOf(await this.audit.search(filter, { first: page.first, after: page.after ?? undefined })),
    });
  }
}
