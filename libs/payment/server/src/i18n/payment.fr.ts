import { providersFr } from './providers.fr';
import type { paymentEn } from './payment.en';

export const paymentFr: typeof paymentEn = {
  errors: {
    notFound: 'Cette fiche n’existe pas ou se trouve hors de vos zones.',
    areaNotFound: 'Cette zone n’existe pas ou se trouve hors de vos zones.',
    duplicateCode: 'Une autre fiche utilise déjà le code « {code} ».',
  },
  providers: providersFr,
  permissions: {
    view: 'Payments : consulter les fiches',
    manage: 'Payments : créer et modifier les fiches',
    providersManage: 'Payments : gérer les comptes de prestataires et leurs identifiants',
  },
};
