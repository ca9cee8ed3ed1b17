export const filesEn = {
  tooLarge: 'The file is larger than {maxMb} MB; split it.',
  empty: 'The file is empty.',
  notText: 'This file is not text: a CSV file must be plain text (UTF-8). Accepted: {allowed}.',
  notUtf8: 'This file is not in UTF-8. Save it again as "CSV UTF-8" and send it again.',
  utf16: 'This file is in UTF-16. Save it again as "CSV UTF-8" and send it again.',
  unsupportedType: 'This type of file is not accepted. Accepted: {allowed}.',
  rawBodyExpected: 'Send the file itself as the request body (Content-Type: the file\'s type or application/octet-stream), not as JSON or a form.',
};
