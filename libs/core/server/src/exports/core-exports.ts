import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditLogFilter } from '../audit/audit-log.inputs';
import { AuditService } from '../audit/audit.service';
import type { AuditRecord } from '../audit/audit-entry';
import { UserAdminService } from '../identity/user-admin.service';
import type { User } from '../identity/entities/user.entity';
import { UsersExportFilter } from './users-export.filter';
import { exportPageOf, ExportRegistry } from './exportable-list';

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
      columns: [
        { key: 'username', header: 'core.exports.columns.username', value: (u) => u.username },
        { key: 'displayName', header: 'core.exports.columns.displayName', value: (u) => u.displayName },
        { key: 'email', header: 'core.exports.columns.email', value: (u) => u.email },
        { key: 'isActive', header: 'core.exports.columns.isActive', value: (u) => u.isActive },
        { key: 'unrestricted', header: 'core.exports.columns.unrestricted', value: (u) => u.areaIds === null },
        { key: 'createdAt', header: 'core.exports.columns.createdAt', value: (u) => u.createdAt },
      ],
      fetch: async (filter, page) => exportPageOf(await this.users.list({ search: filter.search, first: page.first, after: page.after ?? undefined })),
    });
    this.registry.register<AuditLogFilter, AuditRecord>({
      name: 'core.audit',
      permission: 'core.audit.view',
      filterType: AuditLogFilter,
      columns: [
        { key: 'occurredAt', header: 'core.exports.columns.occurredAt', value: (r) => r.occurredAt },
        { key: 'username', header: 'core.exports.columns.username', value: (r) => r.username },
        { key: 'action', header: 'core.exports.columns.action', value: (r) => r.action },
        { key: 'entityType', header: 'core.exports.columns.entityType', value: (r) => r.entityType },
        { key: 'entityId', header: 'core.exports.columns.entityId', value: (r) => r.entityId },
        { key: 'changes', header: 'core.exports.columns.changes', value: (r) => (r.changes ? JSON.stringify(r.changes) : null) },
        { key: 'details', header: 'core.exports.columns.details', value: (r) => (r.details ? JSON.stringify(r.details) : null) },
        { key: 'ip', header: 'core.exports.columns.ip', value: (r) => r.ip },
        { key: 'requestId', header: 'core.exports.columns.requestId', value: (r) => r.requestId },
      ],
      fetch: async (filter, page) => exportPageOf(await this.audit.search(filter, { first: page.first, after: page.after ?? undefined })),
    });
  }
}
