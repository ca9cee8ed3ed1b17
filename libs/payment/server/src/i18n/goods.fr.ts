export const goodsFr = {
  errors: {
    itemNotFound: "Cet article n'existe pas dans le catalogue ou est inactif.",
    itemTwice: 'Un article figure deux fois dans les règles.',
    quantityPositive: 'La quantité doit être supérieure à zéro.',
    reasonRequired: 'Un ajustement doit avoir un motif.',
    noRules: "Le programme n'a pas encore de règles de biens : enregistrez-les d'abord.",
    cycleHasDistribution: 'Ce cycle a déjà une distribution de biens.',
    generationRunning: 'Les droits de la distribution sont encore en cours de génération.',
    distributionNotFound: "Cette distribution de biens n'existe pas ou est hors de vos zones.",
    entitlementNotFound: "Ce droit n'existe pas ou est hors de vos zones.",
    empty: "La distribution n'a aucun droit à approuver.",
    stockNegative: 'Le stock ne peut pas devenir négatif ({available} en stock).',
  },
};

export const agentFr = {
  errors: {
    badCursor: "Ce curseur n'a pas été fourni par ce serveur.",
    photoNotFound: 'Aucune photo de cette personne pour vos points de paiement.',
  },
  conflicts: {
    ALREADY_PAID: 'Déjà payé ou remis.',
    CANCELLED: 'Cette ligne a été annulée.',
    NOT_ASSIGNED: "Cette ligne n'est pas affectée à votre point de paiement.",
    NOT_PAYABLE: "Cette ligne n'attend ni paiement ni remise.",
    OUT_OF_STOCK: 'Stock insuffisant au point de paiement.',
    AMOUNT_MISMATCH: 'Le montant diffère de celui de la ligne.',
    CLIENT_ID_REUSED: 'Cet identifiant client a déjà servi pour une autre remise.',
    INVALID_PHOTO: 'La photo doit être une image JPEG, PNG ou WebP de 512 Ko au plus.',
    DELIVERED_BEFORE_SUBMISSION: 'L’heure de remise est antérieure à l’envoi de ce paiement au point de paiement : vérifiez la date et l’heure de l’appareil.',
    DELIVERED_IN_FUTURE: 'L’heure de remise est dans le futur : vérifiez la date et l’heure de l’appareil.',
  },
};
