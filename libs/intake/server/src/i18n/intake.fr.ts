import type { intakeEn } from './intake.en';

export const intakeFr: typeof intakeEn = {
  errors: {
    notFound: 'Cette fiche n’existe pas ou se trouve hors de vos zones.',
    areaNotFound: 'Cette zone n’existe pas ou se trouve hors de vos zones.',
    duplicateCode: 'Une autre fiche utilise déjà le code « {code} ».',
  },
  permissions: {
    view: 'Field intake : consulter les fiches',
    manage: 'Field intake : créer et modifier les fiches',
  },
};
