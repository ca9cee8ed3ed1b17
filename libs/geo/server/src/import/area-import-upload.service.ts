import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { RequestContext, UploadStorage } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { AreaImportUpload } from './area-import-upload.entity';

/** Largest hierarchy CSV accepted: several hundred thousand areas, far more than any country has. */
export const MAX_AREA_CSV_BYTES = 25 * 1024 * 1024;

@Injectable()
export class AreaImportUploadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: UploadStorage,
  ) {}

  /** Streams the body to disk; only UTF-8 text is accepted (recognised by its content, not its name). */
  async save(body: Readable, name: string): Promise<AreaImportUpload> {
    const received = await this.storage.receive(body, { maxBytes: MAX_AREA_CSV_BYTES, accept: ['TEXT'] });
    try {
      const repository = this.dataSource.getRepository(AreaImportUpload);
      return await repository.save(repository.create({ id: received.id, name: name.slice(0, 200), size: received.size, storagePath: received.path, createdBy: RequestContext.actor()?.userId ?? null }));
    } catch (error) {
      await this.storage.remove(received.path);
      throw error;
    }
  }

  /** An upload of the caller (uploads are private to who sent them); system work sees all. */
  async get(id: string): Promise<AreaImportUpload | null> {
    const upload = await this.dataSource.getRepository(AreaImportUpload).findOneBy({ id });
    const actor = RequestContext.actor();
    if (!upload || (actor && upload.createdBy !== actor.userId)) return null;
    return upload;
  }

  /** The text of an upload (checked to be UTF-8 when it arrived), without its BOM. */
  async text(upload: AreaImportUpload): Promise<string> {
    return (await readFile(upload.storagePath, 'utf8')).replace(/^\uFEFF/, '');
  }
}
