import { BadRequestException, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { RequestContext, RequirePermissions, Translator } from '@coremis/core';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { StoredFile } from './entities/stored-file.entity';
import { IndividualService } from './individual.service';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const DOCUMENT_TYPES: Record<string, string> = { ...PHOTO_TYPES, 'application/pdf': 'pdf' };

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
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const allowed = fileKind === 'PHOTO' ? PHOTO_TYPES : DOCUMENT_TYPES;
    const lang = this.translator.currentLanguage();
    if (!allowed[contentType]) throw new BadRequestException({ code: 'BAD_USER_INPUT', message: this.translator.translate('registry.errors.fileType', lang, { allowed: Object.keys(allowed).join(', ') }) });
    const content = await readLimited(req, MAX_FILE_BYTES);
    if (!content) throw new BadRequestException({ code: 'BAD_USER_INPUT', message: this.translator.translate('registry.errors.fileTooLarge', lang, { maxMb: MAX_FILE_BYTES / 1024 / 1024 }) });
    if (!content.length) throw new BadRequestException({ code: 'BAD_USER_INPUT', message: this.translator.translate('registry.import.emptyFile', lang) });
    return this.dataSource.transaction(async (em) => {
      const individual = await this.individuals.loadForChange(em, id).catch(() => null);
      if (!individual) throw new NotFoundException({ code: 'NOT_FOUND', message: this.translator.translate('registry.errors.individualNotFound', lang) });
      const file = em.create(StoredFile, {
        individualId: individual.id,
        householdId: individual.householdId,
        kind: fileKind,
        name: (name?.trim() || `${fileKind.toLowerCase()}.${allowed[contentType]}`).slice(0, 200),
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
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `inline; filename="${file.name.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    res.end(file.content);
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
