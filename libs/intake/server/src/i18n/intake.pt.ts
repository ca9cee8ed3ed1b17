import type { intakeEn } from './intake.en';

export const intakePt: typeof intakeEn = {
  errors: {
    notFound: 'Este registo não existe ou está fora das suas áreas.',
    areaNotFound: 'Esta área não existe ou está fora das suas áreas.',
    duplicateCode: 'Outro registo já usa o código «{code}».',
  },
  permissions: {
    view: 'Field intake: consultar registos',
    manage: 'Field intake: criar e editar registos',
  },
};
