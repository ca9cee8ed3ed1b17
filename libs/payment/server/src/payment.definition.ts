import { defineModule } from '@coremis/core';
import { Cycle } from './entities/cycle.entity';
import { paymentEn } from './i18n/payment.en';
import { paymentFr } from './i18n/payment.fr';
import { paymentPt } from './i18n/payment.pt';
import { PaymentSchema1796410588326 } from './migrations/1796410588326-payment-schema';
import { PaymentModule } from './payment.module';
import { PaymentProviderAccounts1796412000000 } from './migrations/1796412000000-payment-provider-accounts';
import { ProviderAccount } from './providers/provider-account.entity';

export const paymentDefinition = defineModule({
  key: 'payment',
  // records belong to administrative areas: the geographic scope comes from geo
  dependsOn: ['core', 'geo'],
  apiModule: PaymentModule,
  entities: [Cycle, ProviderAccount],
  migrations: [PaymentSchema1796410588326, PaymentProviderAccounts1796412000000],
  permissions: [
    { code: 'payment.view', labelKey: 'payment.permissions.view' },
    { code: 'payment.manage', labelKey: 'payment.permissions.manage' },
    { code: 'payment.providers.manage', labelKey: 'payment.permissions.providersManage' },
  ],
  menu: [
    { path: '/payment', labelKey: 'payment.menu.list', icon: 'list_alt', permission: 'payment.view' },
    { path: '/payment/providers', labelKey: 'paymentProviders.menu', icon: 'account_balance', permission: 'payment.providers.manage' },
  ],
  translations: { en: paymentEn, fr: paymentFr, pt: paymentPt },
});
