import type { programsEn } from './programs.en';

export const programsFr: typeof programsEn = {
  errors: {
    programNotFound: 'Ce programme n’existe pas ou se trouve hors de vos zones.',
    beneficiaryNotFound: 'Ce bénéficiaire n’existe pas ou se trouve hors de vos zones.',
    areaNotFound: 'Cette zone n’existe pas ou se trouve hors de vos zones.',
    duplicateCode: 'Un autre programme utilise déjà le code « {code} ».',
    currencyRequired: 'Un budget nécessite une devise.',
    endBeforeStart: 'La date de fin précède la date de début.',
    targetUnitLocked: 'L’unité ciblée ne peut plus changer une fois que le programme a des bénéficiaires.',
    programClosed: 'Le programme {code} est clôturé : il ne peut plus être modifié.',
    programTransition: 'Un programme ne peut pas passer de {from} à {to}.',
    programNotActive: 'Le programme {code} n’est pas actif : ses bénéficiaires ne peuvent pas changer.',
    unknownStatus: 'Statut de bénéficiaire inconnu « {status} ».',
    unknownReason: 'Motif inconnu « {reason} ».',
    transitionNotAllowed: 'Un bénéficiaire ne peut pas passer de {from} à {to}.',
    newBeneficiaryStatus: 'Un nouveau bénéficiaire ne peut commencer qu’avec le statut {allowed}.',
    alreadyBeneficiary: 'Ce ménage ou cette personne fait déjà partie du programme (statut {status}).',
    subjectNotFound: 'Ce ménage ou cette personne n’existe pas ou se trouve hors de vos zones.',
    notCovered: 'Ce ménage est hors de la couverture du programme.',
    wrongSubject: 'Ce programme inscrit des {unit} : indiquez un(e) {unit}.',
    unknownCodes: '{count} code(s) ne désignent aucun ménage de vos zones et de la couverture du programme : {codes}.',
    codesNeedHouseholdProgramme: 'Des codes de ménage ne peuvent être inscrits que dans un programme ciblant des ménages.',
    noCriteria: 'Indiquez au moins un critère de sortie.',
    proposalsChanged: 'Certaines propositions ont déjà été traitées ou sont hors de vos zones : rechargez la liste.',
  },
  exports: { code: 'Code', name: 'Nom (chef de ménage ou personne)', areaCode: 'Code de la zone', areaName: 'Zone', status: 'Statut', statusSince: 'Statut depuis', enrolledOn: 'Inscrit le', score: 'Score' },
  permissions: {
    view: 'Programmes : consulter les programmes et les bénéficiaires',
    manage: 'Programmes : créer, modifier, activer et clôturer les programmes',
    beneficiariesManage: 'Programmes : inscrire des bénéficiaires et changer leur statut',
    bulk: 'Programmes : changements de statut en masse et revues de sortie',
  },
  menu: {
    list: 'Programmes',
  },
};
