import type { grmEn } from './grm.en';

export const grmFr: typeof grmEn = {
  errors: {
    notFound: 'Ce ticket n’existe pas ou se trouve hors de vos zones.',
    areaNotFound: 'Cette zone n’existe pas ou se trouve hors de vos zones.',
    categoryNotFound: 'Cette catégorie n’existe pas.',
    userNotFound: 'Cet utilisateur n’existe pas.',
    householdNotFound: 'Ce ménage n’existe pas ou se trouve hors de vos zones.',
    individualNotFound: 'Cette personne n’existe pas ou se trouve hors de vos zones.',
    programNotFound: 'Ce programme n’existe pas.',
    moduleDisabled: 'Le module « {module} » n’est pas activé dans ce déploiement.',
    duplicateCode: 'Une autre catégorie utilise déjà le code « {code} ».',
    transitionNotAllowed: 'Un ticket ne peut pas passer de {from} à {to}.',
    resolutionRequired: 'Saisissez la réponse donnée au plaignant pour résoudre le ticket.',
    referenceExhausted: 'Aucune référence de ticket libre n’a été trouvée ; réessayez.',
    tooManySubmissions: 'Trop d’envois depuis cette adresse. Réessayez dans {seconds} seconde(s).',
  },
  exports: {
    reference: 'Référence',
    receivedAt: 'Reçu le',
    channel: 'Canal',
    status: 'Statut',
    priority: 'Priorité',
    dueAt: 'Échéance de résolution',
    escalatedAt: 'Escaladé le',
    description: 'Description',
  },
  permissions: {
    view: 'Plaintes : consulter les tickets',
    manage: 'Plaintes : enregistrer, attribuer, commenter et résoudre les tickets',
    sensitiveView: 'Plaintes : voir les tickets des catégories sensibles',
    identityView: 'Plaintes : voir les plaignants ayant demandé l’anonymat',
    supervise: 'Plaintes : lancer l’escalade des tickets en retard',
    categoriesManage: 'Plaintes : configurer les catégories et les règles d’attribution',
  },
};
