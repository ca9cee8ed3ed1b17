import { Inject, Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { newId } from '../database/base.entity';
import { detectFileSignature, type FileSignature, isSingleByteText, SIGNATURE_BYTES } from './file-signature';
import { closeAfterAnswer, refuseEnvelopedBody, UploadRejectedError } from './upload-rejected.error';

/** Kinds of upload a module may accept: UTF-8 text (CSV) or a ZIP container (XLSX, checked further by the module). */
export type UploadKind = 'TEXT' | 'ZIP';

export interface ReceivedUpload {
  id: string;
  path: string;
  size: number;
  kind: UploadKind;
}

/**
 * Files sent as a raw request body (imports): streamed to `UPLOAD_DIR` (default `DATA_DIR/uploads`,
 * shared by every API replica and worker), never held in memory, with a size limit, and recognised by
 * their content: the first bytes decide what the file is, and text is checked to be UTF-8 without NUL
 * from the first byte to the last while it streams. A refused file leaves nothing on disk.
 */
@Injectable()
export class UploadStorage {
  constructor(@Inject(CORE_CONFIG) private readonly config: CoreConfig) {}

  get directory(): string {
    return resolve(process.env['UPLOAD_DIR'] ?? join(this.config.DATA_DIR, 'uploads'));
  }

  /**
   * `singleByteText`: text that is not UTF-8 is accepted as a single-byte encoding (Windows-1252 /
   * Latin-1, what Excel writes in French and Portuguese locales) when it has no NUL and almost no
   * control characters; the module decides how to decode it.
   */
  async receive(body: Readable, options: { maxBytes: number; accept: readonly UploadKind[]; singleByteText?: boolean }): Promise<ReceivedUpload> {
    refuseEnvelopedBody(body);
    await mkdir(this.directory, { recursive: true });
    const id = newId();
    const path = join(this.directory, `${id}.upload`);
    const check = new UploadCheck(options.maxBytes, options.accept, options.singleByteText ?? false);
    // the body is piped by hand: a refusal must not destroy the request (and its socket) before the answer is sent
    body.on('error', (error) => check.destroy(error));
    body.pipe(check);
    try {
      await pipeline(check, createWriteStream(path));
      return { id, path, size: check.size, kind: check.kind! };
    } catch (error) {
      body.unpipe(check);
      // the rest of a refused body is not read
      closeAfterAnswer(body);
      await rm(path, { force: true });
      throw error;
    }
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}

/** Counts, identifies and (for text) validates the bytes as they pass. */
class UploadCheck extends Transform {
  size = 0;
  kind: UploadKind | null = null;
  private head: Buffer[] = [];
  private headLength = 0;
  private decoder: TextDecoder | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly accept: readonly UploadKind[],
    private readonly singleByteText: boolean,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    try {
      this.size += chunk.length;
      if (this.size > this.maxBytes) throw new UploadRejectedError('core.files.tooLarge', { maxMb: Math.round(this.maxBytes / 1024 / 1024) }, 413);
      if (!this.kind) {
        this.head.push(chunk);
        this.headLength += chunk.length;
        if (this.headLength < SIGNATURE_BYTES) return done();
        const head = Buffer.concat(this.head);
        this.head = [];
        this.identify(head, false);
        this.checkText(head, false);
        return done(null, head);
      }
      this.checkText(chunk, false);
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: (error?: Error | null, data?: Buffer) => void): void {
    try {
      if (!this.kind) {
        const head = Buffer.concat(this.head);
        this.identify(head, true);
        this.checkText(head, true);
        return done(null, head);
      }
      this.checkText(Buffer.alloc(0), true);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private identify(head: Buffer, complete: boolean): void {
    let signature: FileSignature = detectFileSignature(head.subarray(0, SIGNATURE_BYTES), complete && head.length <= SIGNATURE_BYTES);
    if (signature === 'BINARY' && this.singleByteText && isSingleByteText(head.subarray(0, SIGNATURE_BYTES))) {
      signature = 'TEXT';
      this.singleByte = true;
    }
    if (signature === 'EMPTY') throw new UploadRejectedError('core.files.empty');
    if (signature === 'UTF16_TEXT' && this.accept.includes('TEXT')) throw new UploadRejectedError('core.files.utf16');
    const kind: UploadKind | null = signature === 'TEXT' ? 'TEXT' : signature === 'ZIP' ? 'ZIP' : null;
    if (!kind || !this.accept.includes(kind)) {
      throw new UploadRejectedError(this.accept.includes('TEXT') && signature === 'BINARY' ? 'core.files.notText' : 'core.files.unsupportedType', { allowed: this.accept.map((k) => (k === 'TEXT' ? 'CSV' : 'XLSX')).join(', ') }, 415);
    }
    this.kind = kind;
    if (kind === 'TEXT') this.decoder = new TextDecoder('utf-8', { fatal: true });
  }

  /** Set once the text proved not to be UTF-8 (single-byte text allowed): only NUL is refused from then on. */
  private singleByte = false;

  /** The whole text must be UTF-8 without NUL (PostgreSQL's COPY would stop at the first bad byte, deep in the job). */
  private checkText(chunk: Buffer, last: boolean): void {
    if (!this.decoder) return;
    if (chunk.includes(0)) throw new UploadRejectedError('core.files.notText', { allowed: 'CSV' }, 415);
    if (this.singleByte) return;
    try {
      this.decoder.decode(chunk, { stream: !last });
    } catch {
      if (!this.singleByteText) throw new UploadRejectedError('core.files.notUtf8');
      this.singleByte = true;
    }
  }
}
