import type { providersEn } from './providers.en';

export const providersFr: typeof providersEn = {
  errors: {
    notFound: "Ce compte de prestataire de paiement n'existe pas.",
    duplicateCode: 'Un autre compte de prestataire utilise déjà le code « {code} ».',
    duplicateCredential: "L'identifiant « {key} » est donné deux fois.",
    credentialRequired: "Saisissez une valeur pour le nouvel identifiant « {key} ».",
    secretOrRotate: 'Saisissez un secret de rappel ou demandez-en un nouveau, pas les deux.',
    alreadyInactive: 'Ce compte de prestataire est déjà inactif.',
    inactive: "Le compte de prestataire « {code} » est inactif : rien ne peut être envoyé par lui.",
  },
};
