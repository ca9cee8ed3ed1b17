import type { grmEn } from './grm.en';

export const grmPt: typeof grmEn = {
  errors: {
    notFound: 'Este registo não existe ou está fora das suas áreas.',
    areaNotFound: 'Esta área não existe ou está fora das suas áreas.',
    duplicateCode: 'Outro registo já usa o código «{code}».',
  },
  permissions: {
    view: 'Grievances: consultar registos',
    manage: 'Grievances: criar e editar registos',
  },
};
