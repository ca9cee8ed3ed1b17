import type { auditEn } from './audit.en';

export const auditFr: typeof auditEn = {
  errors: {
    invalidPeriod: 'Le début de la période doit précéder sa fin.',
  },
  permissions: {
    view: 'Consulter le journal d’audit',
    verify: 'Vérifier que le journal d’audit n’a pas été altéré',
  },
  actions: {
    CREATE: 'Création',
    UPDATE: 'Modification',
    DELETE: 'Suppression',
    SOFT_DELETE: 'Archivage',
    RESTORE: 'Restauration',
    IMPORT: 'Import',
    LOGIN: 'Connexion',
    LOGIN_FAILED: 'Échec de connexion',
    LOGOUT: 'Déconnexion',
    ACCESS_DENIED: 'Accès refusé',
    APPROVE: 'Approbation',
    REJECT: 'Rejet',
  },
};
