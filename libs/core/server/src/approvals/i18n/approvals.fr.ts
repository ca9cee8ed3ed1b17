import type { approvalsEn } from './approvals.en';

export const approvalsFr: typeof approvalsEn = {
  messages: {
    sentForApproval: 'Envoyé pour approbation : la modification sera faite une fois approuvée.',
  },
  errors: {
    notAuthenticated: 'Connectez-vous pour traiter les demandes d’approbation.',
    notFound: 'Cette demande d’approbation n’existe pas.',
    notPending: 'Cette demande n’attend plus de décision (statut : {status}).',
    ownOperation: 'Vous ne pouvez pas décider de votre propre demande : une autre personne doit l’approuver.',
    roleRequired: 'Seul un utilisateur ayant l’un de ces rôles peut décider à cette étape : {roles}.',
    alreadyDecided: 'Vous avez déjà pris une décision à cette étape de la demande.',
    notMaker: 'Seule la personne qui a fait la demande peut l’annuler.',
    reasonRequired: 'Indiquez le motif du rejet (de {min} à {max} caractères).',
    unknownOperation: 'L’opération « {operation} » ne peut pas être soumise à approbation.',
    noFlow: 'Aucun circuit d’approbation n’est actif pour l’opération « {operation} ».',
    operationUnavailable: 'L’opération « {operation} » n’est plus disponible dans cette installation ; la demande n’a pas été exécutée.',
    payloadTampered: 'La demande enregistrée a été modifiée après sa création ; elle n’a donc pas été exécutée.',
    executionFailed: 'L’opération a échoué sur le serveur. Communiquez cette référence au support : {reference}.',
    makerInactive: 'La personne qui a fait la demande ne peut plus agir (son compte est désactivé) : elle n’a pas été exécutée.',
    makerPermissionLost: 'La personne qui a fait la demande n’a plus l’autorisation nécessaire ({permissions}) : elle n’a pas été exécutée.',
    approvedEarlierLevel: 'Vous avez déjà approuvé une étape précédente de cette demande : quelqu’un d’autre doit approuver celle-ci.',
    interrupted: 'Le serveur s’est arrêté pendant l’exécution de cette opération. Vérifiez ses effets avant de refaire la demande.',
    levelsRequired: 'Ajoutez entre 1 et {max} niveaux d’approbation.',
    rolesRequired: 'Indiquez au moins un rôle pour ce niveau.',
    duplicateRole: 'Le rôle « {role} » figure deux fois.',
    requiredMissing: 'Indiquez le nombre d’approbations nécessaires (de 1 à {max}).',
    requiredOnlyForN: 'Un nombre d’approbations ne s’applique qu’à la règle « N d’entre eux ».',
  },
  permissions: {
    view: 'Voir les demandes d’approbation et retirer les siennes',
    decide: 'Approuver ou rejeter des demandes',
    configure: 'Configurer les circuits d’approbation',
  },
};
