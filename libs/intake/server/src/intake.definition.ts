import { defineModule } from '@coremis/core';
import { SubmissionAttachment } from './entities/attachment.entity';
import { Connector } from './entities/connector.entity';
import { SubmissionCorrection } from './entities/submission-correction.entity';
import { Submission } from './entities/submission.entity';
import { UssdFlow, UssdSession } from './entities/ussd.entities';
import { intakeEn } from './i18n/intake.en';
import { intakeFr } from './i18n/intake.fr';
import { intakePt } from './i18n/intake.pt';
import { IntakeSchema1796411132510 } from './migrations/1796411132510-intake-schema';
import { IntakeModule, IntakeWorkerModule } from './intake.module';

export const intakeDefinition = defineModule({
  key: 'intake',
  // accepted submissions become registry households; connectors, queues and USSD menus belong to geo areas
  dependsOn: ['core', 'geo', 'registry'],
  apiModule: IntakeModule,
  workerModule: IntakeWorkerModule,
  entities: [Connector, Submission, SubmissionCorrection, SubmissionAttachment, UssdFlow, UssdSession],
  migrations: [IntakeSchema1796411132510],
  permissions: [
    { code: 'intake.view', labelKey: 'intake.permissions.view', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'intake.manage', labelKey: 'intake.permissions.manage' },
    { code: 'intake.review', labelKey: 'intake.permissions.review', demoRoles: ['programme_officer', 'district_officer'] },
  ],
  menu: [
    { path: '/intake', labelKey: 'intake.menu.list', icon: 'cloud_download', permission: 'intake.view' },
    { path: '/intake/queue', labelKey: 'intake.menu.queue', icon: 'fact_check', permission: 'intake.view' },
  ],
  translations: { en: intakeEn, fr: intakeFr, pt: intakePt },
});
