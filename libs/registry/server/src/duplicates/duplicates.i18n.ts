// Texts of the `registry.duplicates.*` keys; each language file of the registry takes its object
// under `duplicates` (e.g. `duplicates: duplicatesEn` in registry.en.ts).

export const duplicatesEn = {
  candidateNotFound: 'This pair of possible duplicates does not exist or is outside your areas.',
  alreadyDecided: 'A decision was already taken on this pair; reload it.',
  survivorNotInPair: 'The record to keep must be one of the two people of the pair.',
  individualMerged: 'One of these people was already merged into another record; reload the pair.',
  mergedIsHead: 'The person to merge away is the head of their household: make another member head first, or keep this person as the record to keep.',
  invalidThreshold: 'The threshold must be between {min} and 1.',
  invalidReviewBelow: 'The review level must be between the threshold and 1.',
};

export const duplicatesFr: typeof duplicatesEn = {
  candidateNotFound: 'Cette paire de doublons possibles n’existe pas ou se trouve hors de vos zones.',
  alreadyDecided: 'Une décision a déjà été prise sur cette paire ; rechargez-la.',
  survivorNotInPair: 'La fiche à conserver doit être l’une des deux personnes de la paire.',
  individualMerged: 'L’une de ces personnes a déjà été fusionnée dans une autre fiche ; rechargez la paire.',
  mergedIsHead: 'La personne à fusionner est chef de son ménage : désignez d’abord un autre chef, ou conservez cette personne comme fiche à garder.',
  invalidThreshold: 'Le seuil doit être compris entre {min} et 1.',
  invalidReviewBelow: 'Le niveau de revue doit être compris entre le seuil et 1.',
};

export const duplicatesPt: typeof duplicatesEn = {
  candidateNotFound: 'Este par de possíveis duplicados não existe ou está fora das suas áreas.',
  alreadyDecided: 'Já foi tomada uma decisão sobre este par; recarregue-o.',
  survivorNotInPair: 'O registo a manter tem de ser uma das duas pessoas do par.',
  individualMerged: 'Uma destas pessoas já foi fundida noutro registo; recarregue o par.',
  mergedIsHead: 'A pessoa a fundir é chefe do seu agregado: designe primeiro outro chefe, ou mantenha esta pessoa como registo a manter.',
  invalidThreshold: 'O limiar tem de estar entre {min} e 1.',
  invalidReviewBelow: 'O nível de revisão tem de estar entre o limiar e 1.',
};
