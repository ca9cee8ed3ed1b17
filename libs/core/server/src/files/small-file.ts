import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { detectFileSignature, type FileSignature, MEDIA_TYPE_OF, SIGNATURE_BYTES } from './file-signature';
import { closeAfterAnswer, refuseEnvelopedBody, UploadRejectedError } from './upload-rejected.error';

/** Photos and scans kept with a record: what a person can attach from a phone. */
export const PHOTO_SIGNATURES: readonly FileSignature[] = ['JPEG', 'PNG', 'WEBP'];
export const DOCUMENT_SIGNATURES: readonly FileSignature[] = [...PHOTO_SIGNATURES, 'PDF'];
const LABELS: Partial<Record<FileSignature, string>> = { JPEG: 'JPEG', PNG: 'PNG', WEBP: 'WebP', PDF: 'PDF' };
const EXTENSIONS: Partial<Record<FileSignature, string>> = { JPEG: 'jpg', PNG: 'png', WEBP: 'webp', PDF: 'pdf' };

export interface SmallFile {
  content: Buffer;
  signature: FileSignature;
  contentType: string;
  sha256: string;
  /** A safe file name: the one given (trimmed, at most 200 characters), else `<fallback>.<extension of the content>`. */
  name: string;
}

/**
 * A small file sent as the raw request body (a photo, a scanned receipt), read into memory up to `maxBytes`
 * and recognised by its bytes, never by its name or Content-Type: an HTML page named `.png` is refused.
 * Throws `UploadRejectedError` (413 too large, 415 a type not in `accept`, 422 empty): `httpErrorOf` turns it
 * into the translated answer.
 */
export async function readSmallFile(body: Readable, options: { maxBytes: number; accept: readonly FileSignature[]; name?: string | null; fallbackName: string }): Promise<SmallFile> {
  refuseEnvelopedBody(body);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.maxBytes) {
      // the rest of the body is not read
      closeAfterAnswer(body);
      throw new UploadRejectedError('core.files.tooLarge', { maxMb: Math.round((options.maxBytes / 1024 / 1024) * 10) / 10 }, 413);
    }
    chunks.push(chunk);
  }
  const content = Buffer.concat(chunks);
  const signature = detectFileSignature(content.subarray(0, SIGNATURE_BYTES), content.length <= SIGNATURE_BYTES);
  if (signature === 'EMPTY') throw new UploadRejectedError('core.files.empty');
  if (!options.accept.includes(signature) || !MEDIA_TYPE_OF[signature]) {
    throw new UploadRejectedError('core.files.unsupportedType', { allowed: options.accept.map((s) => LABELS[s] ?? s).join(', ') }, 415);
  }
  // control characters and path separators never reach a stored name; a repeated `?name=` arrives as an array
  const given = [...(typeof options.name === 'string' ? options.name : '')].filter((c) => c.charCodeAt(0) > 31 && c.charCodeAt(0) !== 127 && c !== '/' && c !== '\\').join('').trim();
  return {
    content,
    signature,
    contentType: MEDIA_TYPE_OF[signature]!,
    sha256: createHash('sha256').update(content).digest('hex'),
    name: (given || `${options.fallbackName}.${EXTENSIONS[signature] ?? 'bin'}`).slice(0, 200),
  };
}

/** Headers for sending a stored file back: inline only when its bytes are what its type says, never sniffed. */
export function storedFileHeaders(file: { name: string; contentType: string; size: number; content: Buffer }): Record<string, string> {
  const actual = MEDIA_TYPE_OF[detectFileSignature(file.content.subarray(0, SIGNATURE_BYTES), file.content.length <= SIGNATURE_BYTES)];
  const safe = !!actual && actual === file.contentType && actual !== 'application/zip';
  return {
    'Content-Type': safe ? file.contentType : 'application/octet-stream',
    'Content-Length': String(file.size),
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': `${safe ? 'inline' : 'attachment'}; filename="${file.name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  };
}
