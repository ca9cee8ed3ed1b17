import { CoreApiModule } from './core.module';
import { ApprovalDecision } from './approvals/approval-decision.entity';
import { ApprovalFlow } from './approvals/approval-flow.entity';
import { CoreApprovals1732500300000 } from './approvals/migrations/1732500300000-core-approvals';
import { PendingOperation } from './approvals/pending-operation.entity';
import { CoreAudit1732500200000 } from './audit/migrations/1732500200000-core-audit';
import { CoreAuditOwner1764800100000 } from './audit/migrations/1764800100000-core-audit-owner';
import { CoreAuditArea1796411400000 } from './audit/migrations/1796411400000-core-audit-area';
import { CoreAuditSealed1796900000000 } from './audit/migrations/1796900000000-core-audit-sealed';
import { CoreFoundation1732500000000 } from './database/migrations/1732500000000-core-foundation';
import { CoreDataChangeSignal1797000000000 } from './database/migrations/1797000000000-core-data-change-signal';
import { CoreBulkIds1797100000000 } from './database/migrations/1797100000000-core-bulk-ids';
import { coreEn } from './i18n/translations/core.en';
import { coreFr } from './i18n/translations/core.fr';
import { corePt } from './i18n/translations/core.pt';
import { defineModule } from './modules/module-definition';
import { Job } from './queue/job.entity';
import { Role } from './identity/entities/role.entity';
import { Session } from './identity/entities/session.entity';
import { User } from './identity/entities/user.entity';
import { CoreIdentity1732500400000 } from './identity/migrations/1732500400000-core-identity';
import { CoreDurableJobs1732500500000 } from './queue/migrations/1732500500000-core-durable-jobs';
import { CoreRefreshGrace1764800000000 } from './identity/migrations/1764800000000-core-refresh-grace';

export const coreDefinition = defineModule({
  key: 'core',
  dependsOn: [],
  apiModule: CoreApiModule,
  entities: [Job, User, Role, Session, ApprovalFlow, PendingOperation, ApprovalDecision],
  migrations: [CoreFoundation1732500000000, CoreAudit1732500200000, CoreApprovals1732500300000, CoreIdentity1732500400000, CoreDurableJobs1732500500000, CoreRefreshGrace1764800000000, CoreAuditOwner1764800100000, CoreAuditArea1796411400000, CoreAuditSealed1796900000000, CoreDataChangeSignal1797000000000, CoreBulkIds1797100000000],
  permissions: [
    { code: 'core.jobs.view', labelKey: 'core.permissions.jobsView' },
    { code: 'core.jobs.cancel', labelKey: 'core.permissions.jobsCancel' },
    { code: 'core.jobs.viewAll', labelKey: 'core.permissions.jobsViewAll' },
    { code: 'core.audit.view', labelKey: 'core.audit.permissions.view' },
    { code: 'core.audit.verify', labelKey: 'core.audit.permissions.verify' },
    { code: 'core.users.view', labelKey: 'core.identity.permissions.usersView' },
    { code: 'core.users.manage', labelKey: 'core.identity.permissions.usersManage' },
    { code: 'core.roles.manage', labelKey: 'core.identity.permissions.rolesManage' },
    { code: 'core.approvals.view', labelKey: 'core.approvals.permissions.view' },
    { code: 'core.approvals.decide', labelKey: 'core.approvals.permissions.decide' },
    { code: 'core.approvals.configure', labelKey: 'core.approvals.permissions.configure' },
  ],
  menu: [],
  translations: { en: coreEn, fr: coreFr, pt: corePt },
});
