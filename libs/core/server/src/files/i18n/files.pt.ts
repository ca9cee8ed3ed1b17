export const filesPt = {
  tooLarge: 'O ficheiro tem mais de {maxMb} MB; divida-o.',
  empty: 'O ficheiro está vazio.',
  notText: 'Este ficheiro não é texto: um ficheiro CSV deve ser texto simples (UTF-8). Aceites: {allowed}.',
  notUtf8: 'Este ficheiro não está em UTF-8. Guarde-o de novo como «CSV UTF-8» e envie-o outra vez.',
  utf16: 'Este ficheiro está em UTF-16. Guarde-o de novo como «CSV UTF-8» e envie-o outra vez.',
  unsupportedType: 'Este tipo de ficheiro não é aceite. Aceites: {allowed}.',
  rawBodyExpected: 'Envie o próprio ficheiro como corpo do pedido (Content-Type: o tipo do ficheiro ou application/octet-stream), não em JSON nem como formulário.',
};
