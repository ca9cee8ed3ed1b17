import { defineWebModule } from '@coremis/core-web/app';

/** The payment module's web side, under `/payment`. */
export const paymentWebDefinition = defineWebModule({
  key: 'payment',
  routes: () => import('./lib/payment.routes').then((m) => m.PAYMENT_ROUTES),
  translations: [
    () => import('./lib/payment.translations').then((m) => m.PAYMENT_TRANSLATIONS),
    () => import('./lib/payment-providers.translations').then((m) => m.PAYMENT_PROVIDERS_TRANSLATIONS),
    () => import('./lib/payment-goods.translations').then((m) => m.PAYMENT_GOODS_TRANSLATIONS),
  ],
});
