import type { exportsEn } from './exports.en';

export const exportsFr: typeof exportsEn = {
  sheet: 'Export',
  errors: {
    unknownList: 'Cette liste ne peut pas être exportée ({name}).',
    notFound: 'Cet export n’existe pas.',
    notReady: 'Cet export n’est pas encore terminé.',
    expired: 'Ce fichier d’export a expiré et a été supprimé. Exportez de nouveau la liste.',
  },
  columns: {
    username: 'Nom d’utilisateur',
    displayName: 'Nom',
    email: 'Courriel',
    isActive: 'Actif',
    unrestricted: 'Toutes les zones',
    createdAt: 'Créé le',
    occurredAt: 'Date',
    action: 'Action',
    entityType: 'Type d’enregistrement',
    entityId: 'Enregistrement',
    changes: 'Modifications',
    details: 'Détails',
    ip: 'Adresse',
    requestId: 'Requête',
  },
};
