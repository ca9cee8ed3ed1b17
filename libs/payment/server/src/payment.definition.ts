import { defineModule } from '@coremis/core';
import { paymentDemoSeeder } from './demo/payment-demo.seeder';
import { BenefitRuleSet } from './entities/benefit-rule-set.entity';
import { Cycle } from './entities/cycle.entity';
import { PaymentPoint } from './entities/payment-point.entity';
import { Payroll } from './entities/payroll.entity';
import { PayrollLine } from './entities/payroll-line.entity';
import { paymentEn } from './i18n/payment.en';
import { paymentFr } from './i18n/payment.fr';
import { paymentPt } from './i18n/payment.pt';
import { PaymentSchema1796410588326 } from './migrations/1796410588326-payment-schema';
import { PaymentModule, PaymentWorkerModule } from './payment.module';
import { PaymentProviderAccounts1796412000000 } from './migrations/1796412000000-payment-provider-accounts';
import { PaymentReconciliationReference1796630000000 } from './migrations/1796630000000-payment-reconciliation-reference';
import { ProviderAccount } from './providers/provider-account.entity';
import { PaymentHouseholdLines1796620000000 } from './migrations/1796620000000-payment-household-lines';
import { GoodsDistribution, GoodsEntitlement, GoodsItem, GoodsRuleSet } from './goods/goods.entities';
import { PaymentGoods1796640000000 } from './migrations/1796640000000-payment-goods';
import { PaymentFrozenTriggerCondition1797100000000 } from './migrations/1797100000000-payment-frozen-trigger-condition';
import { PaymentLinePointSync1797300000000 } from './migrations/1797300000000-payment-line-point-sync';
import { PaymentGoodsGenerationJob1797400000000 } from './migrations/1797400000000-payment-goods-generation-job';
import { PaymentLineHotUpdates1797500000000 } from './migrations/1797500000000-payment-line-hot-updates';
import { PaymentEntitlementHotUpdates1797500000001 } from './migrations/1797500000001-payment-entitlement-hot-updates';
import { PaymentLineTransitionKey1797700000000 } from './migrations/1797700000000-payment-line-transition-key';

export const paymentDefinition = defineModule({
  key: 'payment',
  // cycles and payrolls belong to programmes; lines are programme beneficiaries (registry people) in geo areas.
  // Works with targeting, grm and intake off.
  dependsOn: ['core', 'geo', 'registry', 'programs'],
  apiModule: PaymentModule,
  workerModule: PaymentWorkerModule,
  entities: [Cycle, BenefitRuleSet, Payroll, PayrollLine, PaymentPoint, ProviderAccount, GoodsItem, GoodsRuleSet, GoodsDistribution, GoodsEntitlement],
  migrations: [PaymentSchema1796410588326, PaymentProviderAccounts1796412000000, PaymentHouseholdLines1796620000000, PaymentReconciliationReference1796630000000, PaymentGoods1796640000000, PaymentFrozenTriggerCondition1797100000000, PaymentLinePointSync1797300000000, PaymentGoodsGenerationJob1797400000000, PaymentLineHotUpdates1797500000000, PaymentEntitlementHotUpdates1797500000001, PaymentLineTransitionKey1797700000000],
  permissions: [
    { code: 'payment.view', labelKey: 'payment.permissions.view', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'payment.manage', labelKey: 'payment.permissions.manage', demoRoles: ['programme_officer'] },
    { code: 'payment.review', labelKey: 'payment.permissions.review', demoRoles: ['programme_officer'] },
    { code: 'payment.approve', labelKey: 'payment.permissions.approve', demoRoles: ['programme_officer'] },
    { code: 'payment.pay', labelKey: 'payment.permissions.pay' },
    { code: 'payment.deliver', labelKey: 'payment.permissions.deliver', demoRoles: ['district_officer'] },
    { code: 'payment.points.manage', labelKey: 'payment.permissions.pointsManage' },
    { code: 'payment.providers.manage', labelKey: 'payment.permissions.providersManage' },
    { code: 'payment.goods.manage', labelKey: 'payment.permissions.goodsManage' },
  ],
  menu: [
    { path: '/payment', labelKey: 'payment.menu.list', icon: 'payments', permission: 'payment.view' },
    { path: '/payment/points', labelKey: 'payment.menu.points', icon: 'storefront', permission: 'payment.view' },
    { path: '/payment/providers', labelKey: 'paymentProviders.menu', icon: 'account_balance', permission: 'payment.providers.manage' },
    { path: '/payment/goods', labelKey: 'paymentGoods.menu', icon: 'inventory_2', permission: 'payment.view' },
  ],
  translations: { en: paymentEn, fr: paymentFr, pt: paymentPt },
  demo: paymentDemoSeeder,
});
