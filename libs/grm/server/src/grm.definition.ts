import { defineModule } from '@coremis/core';
import { Ticket } from './entities/ticket.entity';
import { grmEn } from './i18n/grm.en';
import { grmFr } from './i18n/grm.fr';
import { grmPt } from './i18n/grm.pt';
import { GrmSchema1796414581044 } from './migrations/1796414581044-grm-schema';
import { GrmModule } from './grm.module';

export const grmDefinition = defineModule({
  key: 'grm',
  // records belong to administrative areas: the geographic scope comes from geo
  dependsOn: ['core', 'geo'],
  apiModule: GrmModule,
  entities: [Ticket],
  migrations: [GrmSchema1796414581044],
  permissions: [
    { code: 'grm.view', labelKey: 'grm.permissions.view' },
    { code: 'grm.manage', labelKey: 'grm.permissions.manage' },
  ],
  menu: [{ path: '/grm', labelKey: 'grm.menu.list', icon: 'list_alt', permission: 'grm.view' }],
  translations: { en: grmEn, fr: grmFr, pt: grmPt },
});
