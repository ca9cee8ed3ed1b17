export const filesFr = {
  tooLarge: 'Le fichier dépasse {maxMb} Mo ; divisez-le.',
  empty: 'Le fichier est vide.',
  notText: 'Ce fichier n’est pas du texte : un fichier CSV doit être du texte brut (UTF-8). Acceptés : {allowed}.',
  notUtf8: 'Ce fichier n’est pas en UTF-8. Enregistrez-le au format « CSV UTF-8 » et envoyez-le à nouveau.',
  utf16: 'Ce fichier est en UTF-16. Enregistrez-le au format « CSV UTF-8 » et envoyez-le à nouveau.',
  unsupportedType: 'Ce type de fichier n’est pas accepté. Acceptés : {allowed}.',
  rawBodyExpected: 'Envoyez le fichier lui-même comme corps de la requête (Content-Type : le type du fichier ou application/octet-stream), pas en JSON ni en formulaire.',
};
