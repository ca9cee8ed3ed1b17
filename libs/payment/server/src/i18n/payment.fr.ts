import type { paymentEn } from './payment.en';

export const paymentFr: typeof paymentEn = {
  errors: {
    notFound: 'Cette fiche n’existe pas ou se trouve hors de vos zones.',
    areaNotFound: 'Cette zone n’existe pas ou se trouve hors de vos zones.',
    duplicateCode: 'Une autre fiche utilise déjà le code « {code} ».',
  },
  permissions: {
    view: 'Paiements : consulter les fiches',
    manage: 'Paiements : créer et modifier les fiches',
  },
};
