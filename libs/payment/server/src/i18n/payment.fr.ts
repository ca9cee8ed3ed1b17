import { reportsFr } from './reports.fr';
import type { paymentEn } from './payment.en';
import { providersFr } from './providers.fr';

export const paymentFr: typeof paymentEn = {
  errors: {
    notFound: 'Cet enregistrement n\'existe pas ou est hors de vos zones.',
    areaNotFound: 'Cette zone n\'existe pas ou est hors de vos zones.',
    duplicateCode: 'Un autre enregistrement utilise déjà le code « {code} ».',
    programNotFound: 'Ce programme n\'existe pas ou est hors de vos zones.',
    cycleNotFound: 'Ce cycle de paiement n\'existe pas ou est hors de vos zones.',
    payrollNotFound: 'Cette liste de paie n\'existe pas ou est hors de vos zones.',
    lineNotFound: 'Cette ligne de paie n\'existe pas ou est hors de vos zones.',
    paymentPointNotFound: 'Ce point de paiement n\'existe pas ou est hors de vos zones.',
    beneficiaryNotFound: 'Certains bénéficiaires n\'existent pas ou sont hors de vos zones.',
    noBenefitRules: 'Le programme n\'a pas encore de règles de prestation : enregistrez-les d\'abord.',
    amountPositive: 'Le montant doit être supérieur à zéro.',
    payrollNotEditable: 'La liste de paie est {status} : elle ne peut plus changer.',
    transitionNotAllowed: 'Une liste de paie ne peut pas passer de {from} à {to}.',
    flaggedLinesLeft: '{count} ligne(s) signalée(s) attendent encore un examen (libérer ou annuler).',
    emptyPayroll: 'La liste de paie n\'a aucune ligne à payer.',
    generationRunning: 'La liste de paie est encore en cours de génération.',
    linesNotDecidable: 'Seules {allowed} des {requested} lignes pouvaient recevoir cette décision : rechargez la liste.',
    followUpNotAllowed: 'Une liste de suivi demande une liste de paie en paiement (celle-ci est {status}).',
    nothingToCarry: 'Aucune ligne en échec ne reste à reporter dans une liste de suivi.',
    providerUnavailable: 'Aucun prestataire de paiement « {kind} » n\'est configuré.',
    notCashLine: 'Cette ligne est payée par un prestataire, pas en espèces.',
    deliveryRefused: 'Cette remise ne peut pas être enregistrée : la ligne n\'attend pas d\'espèces ou le montant diffère.',
    notInPayment: 'La liste de paie est {status} : seule une liste en paiement peut être rapprochée.',
    missingColumn: 'Le fichier n\'a pas de colonne « {column} ».',
  },
  providers: providersFr,
  reports: reportsFr,
  permissions: {
    view: 'Paiements : voir les cycles, listes de paie et rapports',
    manage: 'Paiements : créer cycles, règles de prestation et listes de paie',
    review: 'Paiements : libérer ou annuler les lignes signalées',
    approve: 'Paiements : approuver ou rejeter les listes de paie',
    pay: 'Paiements : envoyer les listes approuvées en paiement',
    deliver: 'Paiements : enregistrer les remises d\'espèces aux points de paiement',
    pointsManage: 'Paiements : gérer les points de paiement',
    providersManage: 'Paiements : gérer les comptes de prestataires et leurs identifiants',
  },
};
