import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, CORE_CONFIG, type CoreConfig, newId, RequestContext } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { ImportUpload } from '../entities/import-upload.entity';

/** Largest import file accepted (a million people is about 150 MB of CSV). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

@Injectable()
export class ImportUploadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  private get directory(): string {
    return resolve(process.env['UPLOAD_DIR'] ?? join(this.config.DATA_DIR, 'uploads'));
  }

  /** Streams the body to disk (never into memory), then records it; the format is read from the first bytes. */
  async save(body: Readable, name: string): Promise<ImportUpload> {
    await mkdir(this.directory, { recursive: true });
    const id = newId();
    const path = join(this.directory, `${id}.upload`);
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) done(new AppError('BAD_USER_INPUT', 'registry.import.fileTooLarge', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(path));
      if (!size) throw new AppError('BAD_USER_INPUT', 'registry.import.emptyFile');
      const format = await this.detectFormat(path, name);
      const upload = this.dataSource.getRepository(ImportUpload).create({ id, name: name.slice(0, 200), format, size, storagePath: path, createdBy: RequestContext.actor()?.userId ?? null });
      return await this.dataSource.getRepository(ImportUpload).save(upload);
    } catch (error) {
      await rm(path, { force: true });
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

  private async detectFormat(path: string, name: string): Promise<'CSV' | 'XLSX'> {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(4);
      await handle.read(head, 0, 4, 0);
      if (head[0] === 0x50 && head[1] === 0x4b) return 'XLSX';
      if (/\.xlsx?$/i.test(name)) throw new AppError('BAD_USER_INPUT', 'registry.import.notAnXlsx');
      if (head.includes(0)) throw new AppError('BAD_USER_INPUT', 'registry.import.notText');
      return 'CSV';
    } finally {
      await handle.close();
    }
  }
}
