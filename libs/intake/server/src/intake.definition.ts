import { defineModule } from '@coremis/core';
import { Connector } from './entities/connector.entity';
import { intakeEn } from './i18n/intake.en';
import { intakeFr } from './i18n/intake.fr';
import { intakePt } from './i18n/intake.pt';
import { IntakeSchema1796411132510 } from './migrations/1796411132510-intake-schema';
import { IntakeModule } from './intake.module';

export const intakeDefinition = defineModule({
  key: 'intake',
  // records belong to administrative areas: the geographic scope comes from geo
  dependsOn: ['core', 'geo'],
  apiModule: IntakeModule,
  entities: [Connector],
  migrations: [IntakeSchema1796411132510],
  permissions: [
    { code: 'intake.view', labelKey: 'intake.permissions.view' },
    { code: 'intake.manage', labelKey: 'intake.permissions.manage' },
  ],
  menu: [{ path: '/intake', labelKey: 'intake.menu.list', icon: 'list_alt', permission: 'intake.view' }],
  translations: { en: intakeEn, fr: intakeFr, pt: intakePt },
});
