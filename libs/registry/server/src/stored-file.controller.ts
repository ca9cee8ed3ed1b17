import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DOCUMENT_SIGNATURES, httpErrorOf, PHOTO_SIGNATURES, readSmallFile, RequestContext, RequirePermissions, storedFileHeaders, Translator, UuidPipe } from '@coremis/core';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { StoredFile } from './entities/stored-file.entity';
import { IndividualService } from './individual.service';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

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
  async upload(@Param('id', UuidPipe) id: string, @Query('kind') kind: string | undefined, @Query('name') name: string | undefined, @Req() req: Request) {
    const actor = RequestContext.actor()!;
    const fileKind = kind === 'DOCUMENT' ? 'DOCUMENT' : 'PHOTO';
    const lang = this.translator.currentLanguage();
    // what the file is comes from its bytes, never from the Content-Type header or the name (an HTML or SVG page named .png is refused)
    const received = await readSmallFile(req, { maxBytes: MAX_FILE_BYTES, accept: fileKind === 'PHOTO' ? PHOTO_SIGNATURES : DOCUMENT_SIGNATURES, name, fallbackName: fileKind.toLowerCase() }).catch((error) => {
      throw httpErrorOf(error, this.translator);
    });
    return this.dataSource.transaction(async (em) => {
      const individual = await this.individuals.loadForChange(em, id).catch(() => null);
      if (!individual) throw new NotFoundException({ code: 'NOT_FOUND', message: this.translator.translate('registry.errors.individualNotFound', lang) });
      const file = em.create(StoredFile, {
        individualId: individual.id,
        householdId: individual.householdId,
        kind: fileKind,
        name: received.name,
        contentType: received.contentType,
        size: received.content.length,
        sha256: received.sha256,
        content: received.content,
        createdBy: actor.userId,
      });
      await em.save(file);
      if (fileKind === 'PHOTO') {
        individual.photoFileId = file.id;
        await em.save(individual);
      }
      return { id: file.id, kind: file.kind, name: file.name, contentType: file.contentType, size: file.size };
    });
  }

  @Get('files/:id')
  @RequirePermissions('registry.view')
  async download(@Param('id', UuidPipe) id: string, @Res() res: Response): Promise<void> {
    const file = await this.dataSource.getRepository(StoredFile).createQueryBuilder('f').addSelect('f.content').where('f.id = :id', { id }).getOne();
    // the file is visible only if its person is, in the caller's scope
    if (!file || !file.individualId || !(await this.individuals.findById(file.individualId))) {
      throw new NotFoundException({ code: 'NOT_FOUND', message: this.translator.translate('registry.errors.fileNotFound', this.translator.currentLanguage()) });
    }
    // a file stored before types were read from the content is served as what its bytes say it is, else as a download
    const content = file.content ?? Buffer.alloc(0);
    res.set(storedFileHeaders({ name: file.name, contentType: file.contentType, size: file.size, content }));
    res.end(content);
  }
}
