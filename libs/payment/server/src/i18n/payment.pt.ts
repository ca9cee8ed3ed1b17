import type { paymentEn } from './payment.en';

export const paymentPt: typeof paymentEn = {
  errors: {
    notFound: 'Este registo não existe ou está fora das suas áreas.',
    areaNotFound: 'Esta área não existe ou está fora das suas áreas.',
    duplicateCode: 'Outro registo já usa o código «{code}».',
  },
  permissions: {
    view: 'Pagamentos: consultar registos',
    manage: 'Pagamentos: criar e editar registos',
  },
};
