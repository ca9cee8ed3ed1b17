import { providersPt } from './providers.pt';
import type { paymentEn } from './payment.en';

export const paymentPt: typeof paymentEn = {
  errors: {
    notFound: 'Este registo não existe ou está fora das suas áreas.',
    areaNotFound: 'Esta área não existe ou está fora das suas áreas.',
    duplicateCode: 'Outro registo já usa o código «{code}».',
  },
  providers: providersPt,
  permissions: {
    view: 'Payments: consultar registos',
    manage: 'Payments: criar e editar registos',
    providersManage: 'Payments: gerir as contas de prestadores e as suas credenciais',
  },
};
