import { defineModule } from '@coremis/core';
import { TicketAttachment } from './attachments/ticket-attachment.entity';
import { AssignmentRule } from './entities/assignment-rule.entity';
import { Category } from './entities/category.entity';
import { DataChangeRequest } from './entities/data-change-request.entity';
import { TicketEvent } from './entities/ticket-event.entity';
import { Ticket } from './entities/ticket.entity';
import { grmEn } from './i18n/grm.en';
import { grmFr } from './i18n/grm.fr';
import { grmPt } from './i18n/grm.pt';
import { GrmSchema1796414581044 } from './migrations/1796414581044-grm-schema';
import { GrmDataChangeRequests1796610000000 } from './migrations/1796610000000-grm-data-change-requests';
import { GrmTicketAttachments1796760000000 } from './migrations/1796760000000-grm-ticket-attachments';
import { GrmBulkUpdates1796800000000 } from './migrations/1796800000000-grm-bulk-updates';
import { GrmBulkApplyJob1796900000000 } from './migrations/1796900000000-grm-bulk-apply-job';
import { GrmTicketForeignKeyIndexes1796900000001 } from './migrations/1796900000001-grm-ticket-foreign-key-indexes';
import { GrmBulkChangeWithoutRowTrigger1796950000000 } from './migrations/1796950000000-grm-bulk-change-without-row-trigger';
import { GrmModule, GrmWorkerModule } from './grm.module';

export const grmDefinition = defineModule({
  key: 'grm',
  // tickets link registry households and individuals; programmes and payment lines only when those modules are enabled
  dependsOn: ['core', 'geo', 'registry'],
  apiModule: GrmModule,
  workerModule: GrmWorkerModule,
  entities: [Category, AssignmentRule, Ticket, TicketEvent, DataChangeRequest, TicketAttachment],
  migrations: [GrmSchema1796414581044, GrmDataChangeRequests1796610000000, GrmTicketAttachments1796760000000, GrmBulkUpdates1796800000000, GrmBulkApplyJob1796900000000, GrmTicketForeignKeyIndexes1796900000001, GrmBulkChangeWithoutRowTrigger1796950000000],
  permissions: [
    { code: 'grm.view', labelKey: 'grm.permissions.view', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'grm.manage', labelKey: 'grm.permissions.manage', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'grm.sensitive.view', labelKey: 'grm.permissions.sensitiveView' },
    { code: 'grm.identity.view', labelKey: 'grm.permissions.identityView' },
    { code: 'grm.supervise', labelKey: 'grm.permissions.supervise' },
    { code: 'grm.categories.manage', labelKey: 'grm.permissions.categoriesManage' },
    { code: 'grm.changes.view', labelKey: 'grm.permissions.changesView', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'grm.changes.request', labelKey: 'grm.permissions.changesRequest', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'grm.changes.apply', labelKey: 'grm.permissions.changesApply', demoRoles: ['programme_officer'] },
    { code: 'grm.bulkUpdates.manage', labelKey: 'grm.permissions.bulkUpdatesManage', demoRoles: ['programme_officer'] },
  ],
  menu: [
    { path: '/grm', labelKey: 'grm.menu.list', icon: 'support_agent', permission: 'grm.view' },
    { path: '/grm/changes', labelKey: 'grm.menu.changes', icon: 'edit_note', permission: 'grm.changes.view' },
    { path: '/grm/bulk-updates', labelKey: 'grm.menu.bulkUpdates', icon: 'upload_file', permission: 'grm.bulkUpdates.manage' },
    { path: '/grm/categories', labelKey: 'grm.menu.categories', icon: 'category', permission: 'grm.categories.manage' },
  ],
  translations: { en: grmEn, fr: grmFr, pt: grmPt },
});
