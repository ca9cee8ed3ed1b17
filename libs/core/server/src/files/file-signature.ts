/** What a file is, read from its first bytes (its signature), never from its name or a Content-Type header. */
export type FileSignature = 'PNG' | 'JPEG' | 'WEBP' | 'GIF' | 'PDF' | 'ZIP' | 'GZIP' | 'UTF16_TEXT' | 'TEXT' | 'BINARY' | 'EMPTY';

/** Media type of each signature a stored file may have. */
export const MEDIA_TYPE_OF: Partial<Record<FileSignature, string>> = {
  PNG: 'image/png',
  JPEG: 'image/jpeg',
  WEBP: 'image/webp',
  GIF: 'image/gif',
  PDF: 'application/pdf',
  ZIP: 'application/zip',
};

/** Bytes of the head that `detectFileSignature` needs to tell text from binary reliably. */
export const SIGNATURE_BYTES = 8192;

const starts = (head: Buffer, bytes: number[], at = 0) => head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);

/**
 * The kind of a file from its head (the first `SIGNATURE_BYTES` or fewer when the file is shorter).
 * Text is UTF-8 (with or without BOM) without NUL and with almost no control characters; anything
 * else unknown is BINARY. `complete` says the head is the whole file (a multi-byte character may
 * otherwise be cut at the end of the sample).
 */
export function detectFileSignature(head: Buffer, complete = head.length < SIGNATURE_BYTES): FileSignature {
  if (!head.length) return 'EMPTY';
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (starts(head, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (starts(head, [0x52, 0x49, 0x46, 0x46]) && starts(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'WEBP';
  if (starts(head, [0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (starts(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'PDF';
  // local file header, or the end record of an empty archive
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) return 'ZIP';
  if (starts(head, [0x1f, 0x8b])) return 'GZIP';
  if (starts(head, [0xff, 0xfe]) || starts(head, [0xfe, 0xff])) return 'UTF16_TEXT';
  return isUtf8Text(head, complete) ? 'TEXT' : 'BINARY';
}

/** UTF-8 without NUL and with at most 1 % of C0 control characters other than tab, CR, LF and form feed. */
export function isUtf8Text(sample: Buffer, complete: boolean): boolean {
  if (sample.includes(0)) return false;
  let body = sample;
  if (!complete) {
    // do not judge a character cut by the end of the sample: drop an incomplete trailing sequence
    let i = body.length - 1;
    while (i >= 0 && i > body.length - 4 && (body[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && body[i] >= 0xc0) {
      const needed = body[i] >= 0xf0 ? 4 : body[i] >= 0xe0 ? 3 : 2;
      if (body.length - i < needed) body = body.subarray(0, i);
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return false;
  }
  let controls = 0;
  for (const byte of body) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  return controls * 100 <= body.length;
}

/** Text in a single-byte encoding (Windows-1252, Latin-1): no NUL, at most 1 % of C0 control characters other than tab, CR, LF and form feed. */
export function isSingleByteText(sample: Buffer): boolean {
  if (!sample.length || sample.includes(0)) return false;
  let controls = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  return controls * 100 <= sample.length;
}
