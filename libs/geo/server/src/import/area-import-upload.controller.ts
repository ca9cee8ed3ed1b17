import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { forbidden, httpErrorOf, requireHttpPermission, RequirePermissions, Translator } from '@coremis/core';
import type { Request } from 'express';
import { AreaImportUploadService } from './area-import-upload.service';

/** The hierarchy CSV of an import, sent as the raw body (`importAdminAreas` then names it by id). */
@Controller('api/geo/imports')
export class AreaImportUploadController {
  constructor(
    private readonly uploads: AreaImportUploadService,
    private readonly translator: Translator,
  ) {}

  @Post('uploads')
  @HttpCode(201)
  @RequirePermissions('geo.areas.import')
  async upload(@Req() req: Request, @Query('name') name: string | undefined): Promise<{ id: string; name: string; size: number }> {
    const actor = requireHttpPermission(this.translator, 'geo.areas.import');
    try {
      // an import may touch any part of the tree: only users without a geographic restriction may run one
      if (actor.areaPaths) throw forbidden('geo.errors.importNeedsFullScope');
      const upload = await this.uploads.save(req, (typeof name === 'string' && name.trim()) || 'areas.csv');
      return { id: upload.id, name: upload.name, size: upload.size };
    } catch (error) {
      throw httpErrorOf(error, this.translator);
    }
  }
}
