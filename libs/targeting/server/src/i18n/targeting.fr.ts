import type { targetingEn } from './targeting.en';

export const targetingFr: typeof targetingEn = {
  errors: {
    scoringRunning: 'Les ménages de la formule « {code} » sont déjà en cours de notation : attendez la fin de cette exécution.',
    notFound: "Cette formule n'existe pas ou son programme est hors de vos zones.",
    kindChange: "Une formule ne peut pas passer de score à critère ou l'inverse : créez-en une autre.",
    notScore: 'Seule une formule de score peut noter les ménages.',
    duplicateCode: 'Une autre formule de ce programme utilise déjà le code « {code} ».',
  },
  formula: {
    empty: 'La formule est vide.',
    syntax: 'Erreur de syntaxe à la position {start} : {detail}',
    type: 'Erreur de type à la position {start} : {detail}',
    unsupported: "Cette construction n'est pas prise en charge dans une formule (position {start}).",
    unsupportedLiteral: "Ce type de valeur n'est pas pris en charge dans une formule (position {start}).",
    unknownVariable: 'Variable inconnue à la position {start}.',
    unknownFunction: 'Fonction inconnue à la position {start} : utilisez log, exp, min, max, double, size, has, contains, startsWith.',
    listOfValues: 'Les listes après « in » ne peuvent contenir que des valeurs (position {start}).',
    membersOnly: "filter, exists et all ne s'appliquent qu'aux membres (position {start}).",
    mustBeNumber: 'Une formule de score doit donner un nombre, pas {detail}.',
    mustBeBool: 'Un critère doit donner vrai ou faux, pas {detail}.',
  },
  criteria: {
    empty: 'Ajoutez au moins une condition à chaque groupe.',
    valueType: 'La valeur ne correspond pas au type du champ.',
    valueRequired: 'Cette condition demande une valeur.',
    valuesRequired: 'Cette condition demande sa liste de valeurs (deux pour « entre »).',
    operatorType: 'Cet opérateur ne peut pas être utilisé avec ce champ.',
    unknownField: 'Champ inconnu.',
    aggregateRequired: 'Une condition sur les membres demande un comptage ou un « existe ».',
  },
  permissions: {
    view: 'Targeting : consulter les fiches',
    manage: 'Targeting : créer et modifier les fiches',
  },
};
