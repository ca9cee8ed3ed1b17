import type { auditEn } from './audit.en';

export const auditFr: typeof auditEn = {
  errors: {
    anchorFileUnreadable: 'Le fichier d’ancres de la piste d’audit (AUDIT_ANCHOR_FILE) est illisible ; demandez à l’administrateur de le vérifier.',
    invalidPeriod: 'Le début de la période doit précéder sa fin.',
  },
  permissions: {
    view: 'Consulter le journal d’audit',
    verify: 'Vérifier que le journal d’audit n’a pas été altéré',
  },
  actions: {
    AUTH_REFUSED: 'Refusé : non connecté',
    AUTH_REFUSED_SUPPRESSED: 'Refus non journalisés (limite de débit)',
    LOGIN_THROTTLED: 'Connexions freinées',
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
