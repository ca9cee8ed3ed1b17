import { defineWebModule, PAGE_TAB_HOSTS } from '@coremis/core-web/app';

/** The payment module's web side, under `/payment`, and a Payments tab on households and on people. */
export const paymentWebDefinition = defineWebModule({
  key: 'payment',
  routes: () => import('./lib/payment.routes').then((m) => m.PAYMENT_ROUTES),
  translations: [
    () => import('./lib/payment.translations').then((m) => m.PAYMENT_TRANSLATIONS),
    () => import('./lib/payment-providers.translations').then((m) => m.PAYMENT_PROVIDERS_TRANSLATIONS),
    () => import('./lib/payment-payrolls.translations').then((m) => m.PAYMENT_PAYROLLS_TRANSLATIONS),
    () => import('./lib/payment-goods.translations').then((m) => m.PAYMENT_GOODS_TRANSLATIONS),
  ],
  approvalDetails: () => import('./lib/approval-details').then((m) => m.PAYMENT_APPROVAL_DETAILS),
  pageTabs: [
    {
      page: PAGE_TAB_HOSTS.registryHousehold,
      key: 'payments',
      labelKey: 'payroll.household.tab',
      permission: 'payment.view',
      component: () => import('./lib/household/household-payments.tab').then((m) => m.HouseholdPaymentsTab),
    },
    {
      page: PAGE_TAB_HOSTS.registryIndividual,
      key: 'payments',
      labelKey: 'payroll.household.tab',
      permission: 'payment.view',
      component: () => import('./lib/household/household-payments.tab').then((m) => m.IndividualPaymentsTab),
    },
  ],
});
