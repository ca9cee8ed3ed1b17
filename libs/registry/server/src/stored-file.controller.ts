import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { detectFileSignature, type FileSignature, httpErrorOf, MEDIA_TYPE_OF, RequestContext, RequirePermissions, SIGNATURE_BYTES, Translator, UploadRejectedError } from '@coremis/core';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { StoredFile } from './entities/stored-file.entity';
import { IndividualService } from './individual.service';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES: Partial<Record<FileSignature, string>> = { JPEG: 'jpg', PNG: 'png', WEBP: 'webp' };
const DOCUMENT_TYPES: Partial<Record<FileSignature, string>> = { ...PHOTO_TYPES, PDF: 'pdf' };
const LABELS: Partial<Record<FileSignature, string>> = { JPEG: 'JPEG', PNG: 'PNG', WEBP: 'WebP', PDF: 'PDF' };

/** Photos and scanned documents of individuals: uploaded as the raw body, read back with the same scope as the record. */
@Controller('api/registry')
export class StoredFileController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly individuals: IndividualService,
    private readonly translator: Translator,
  ) {}

  @Post('individuals/:id/files')
  @HttpCode(201)
  @RequirePermissions('registry.edit')
  async upload(@Param('id', new ParseUUIDPipe()) id: string, @Query('kind') kind: string | undefined, @Query('name') name: string | undefined, @Req() req: Request) {
    const actor = RequestContext.actor()!;
    const fileKind = kind === 'DOCUMENT' ? 'DOCUMENT' : 'PHOTO';
    const allowed = fileKind === 'PHOTO' ? PHOTO_TYPES : DOCUMENT_TYPES;
    const lang = this.translator.currentLanguage();
    const content = await readLimited(req, MAX_FILE_BYTES);
    if (!content) throw httpErrorOf(new UploadRejectedError('core.files.tooLarge', { maxMb: MAX_FILE_BYTES / 1024 / 1024 }, 413), this.translator);
    // what the file is comes from its bytes, never from the Content-Type header or the name (an HTML or SVG page named .png is refused)
    const signature = detectFileSignature(content.subarray(0, SIGNATURE_BYTES), content.length <= SIGNATURE_BYTES);
    if (signature === 'EMPTY') throw httpErrorOf(new UploadRejectedError('core.files.empty'), this.translator);
    if (!allowed[signature]) {
      const accepted = Object.keys(allowed).map((k) => LABELS[k as FileSignature]).join(', ');
      throw httpErrorOf(new UploadRejectedError('core.files.unsupportedType', { allowed: accepted }, 415), this.translator);
    }
    const contentType = MEDIA_TYPE_OF[signature]!;
    return this.dataSource.transaction(async (em) => {
      const individual = await this.individuals.loadForChange(em, id).catch(() => null);
      if (!individual) throw new NotFoundException({ code: 'NOT_FOUND', message: this.translator.translate('registry.errors.individualNotFound', lang) });
      const file = em.create(StoredFile, {
        individualId: individual.id,
        householdId: individual.householdId,
        kind: fileKind,
        name: (name?.trim() || `${fileKind.toLowerCase()}.${allowed[signature]}`).slice(0, 200),
        contentType,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        createdBy: actor.userId,
      });
      await em.save(file);
      if (fileKind === 'PHOTO') {
        individual.photoFileId = file.id;
        await em.save(individual);
      }
      return { id: file.id, kind: file.kind, name: file.name, contentType, size: file.size };
    });
  }

  @Get('files/:id')
  @RequirePermissions('registry.view')
  async download(@Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response): Promise<void> {
    const file = await this.dataSource.getRepository(StoredFile).createQueryBuilder('f').addSelect('f.content').where('f.id = :id', { id }).getOne();
    // the file is visible only if its person is, in the caller's scope
    if (!file || !file.individualId || !(await this.individuals.findById(file.individualId))) {
      throw new NotFoundException({ code: 'NOT_FOUND', message: this.translator.translate('registry.errors.fileNotFound', this.translator.currentLanguage()) });
    }
    // a file stored before types were read from the content is served as what its bytes say it is, else as a download
    const content = file.content ?? Buffer.alloc(0);
    const actual = MEDIA_TYPE_OF[detectFileSignature(content.subarray(0, SIGNATURE_BYTES), content.length <= SIGNATURE_BYTES)];
    const safe = actual && actual === file.contentType && actual !== 'application/zip';
    res.setHeader('Content-Type', safe ? file.contentType : 'application/octet-stream');
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `${safe ? 'inline' : 'attachment'}; filename="${file.name.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    res.end(content);
  }
}

/** The whole body, or null when it is larger than `max`. */
async function readLimited(req: Request, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
