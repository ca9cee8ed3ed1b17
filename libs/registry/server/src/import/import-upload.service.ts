import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { RequestContext, UploadRejectedError, UploadStorage } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { ImportUpload } from '../entities/import-upload.entity';
import { inspectXlsx, XlsxError } from './xlsx-reader';

/** Largest import file accepted (a million people is about 150 MB of CSV). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

@Injectable()
export class ImportUploadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: UploadStorage,
  ) {}

  /**
   * Streams the body to disk (never into memory), then records it. What the file is comes from its
   * content, never its name: text is CSV (UTF-8, or Windows-1252 as Excel saves it in French and Portuguese), a ZIP must be an XLSX workbook within the limits.
   */
  async save(body: Readable, name: string): Promise<ImportUpload> {
    const received = await this.storage.receive(body, { maxBytes: MAX_UPLOAD_BYTES, accept: ['TEXT', 'ZIP'], singleByteText: true });
    try {
      if (received.kind === 'ZIP') {
        await inspectXlsx(received.path).catch((error: unknown) => {
          if (error instanceof XlsxError) throw new UploadRejectedError(`registry.import.${error.code}`, error.args, error.code === 'notAnXlsx' ? 415 : 422);
          throw error;
        });
      }
      const format = received.kind === 'ZIP' ? 'XLSX' : 'CSV';
      const upload = this.dataSource.getRepository(ImportUpload).create({ id: received.id, name: name.slice(0, 200), format, size: received.size, storagePath: received.path, createdBy: RequestContext.actor()?.userId ?? null });
      return await this.dataSource.getRepository(ImportUpload).save(upload);
    } catch (error) {
      await this.storage.remove(received.path);
      throw error;
    }
  }

  /** An upload of the caller (uploads are private to who sent them); system work sees all. */
  async get(id: string): Promise<ImportUpload | null> {
    const upload = await this.dataSource.getRepository(ImportUpload).findOneBy({ id });
    const actor = RequestContext.actor();
    if (!upload || (actor && upload.createdBy !== actor.userId)) return null;
    return upload;
  }
}
