import type { grmEn } from './grm.en';

export const grmFr: typeof grmEn = {
  errors: {
    notFound: 'Cette fiche n’existe pas ou se trouve hors de vos zones.',
    areaNotFound: 'Cette zone n’existe pas ou se trouve hors de vos zones.',
    duplicateCode: 'Une autre fiche utilise déjà le code « {code} ».',
  },
  permissions: {
    view: 'Grievances : consulter les fiches',
    manage: 'Grievances : créer et modifier les fiches',
  },
};
