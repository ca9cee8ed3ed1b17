export { csvCell, csvRow } from './csv-writer';
export { detectFileSignature, type FileSignature, isUtf8Text, MEDIA_TYPE_OF, SIGNATURE_BYTES } from './file-signature';
export { httpErrorOf } from './http-errors';
export { refuseEnvelopedBody, UploadRejectedError } from './upload-rejected.error';
export { type ReceivedUpload, type UploadKind, UploadStorage } from './upload-storage';
export { renderPdf } from './pdf-document';
export { DOCUMENT_SIGNATURES, PHOTO_SIGNATURES, readSmallFile, type SmallFile, storedFileHeaders } from './small-file';
