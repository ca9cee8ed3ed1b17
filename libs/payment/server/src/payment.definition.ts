import { defineModule } from '@coremis/core';
import { Cycle } from './entities/cycle.entity';
import { paymentEn } from './i18n/payment.en';
import { paymentFr } from './i18n/payment.fr';
import { paymentPt } from './i18n/payment.pt';
import { PaymentSchema1796410588326 } from './migrations/1796410588326-payment-schema';
import { PaymentModule } from './payment.module';

export const paymentDefinition = defineModule({
  key: 'payment',
  // records belong to administrative areas: the geographic scope comes from geo
  dependsOn: ['core', 'geo'],
  apiModule: PaymentModule,
  entities: [Cycle],
  migrations: [PaymentSchema1796410588326],
  permissions: [
    { code: 'payment.view', labelKey: 'payment.permissions.view' },
    { code: 'payment.manage', labelKey: 'payment.permissions.manage' },
  ],
  menu: [{ path: '/payment', labelKey: 'payment.menu.list', icon: 'list_alt', permission: 'payment.view' }],
  translations: { en: paymentEn, fr: paymentFr, pt: paymentPt },
});
