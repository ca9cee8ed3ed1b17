import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { httpErrorOf, RequirePermissions, Translator } from '@coremis/core';
import { ImportUploadService } from '@coremis/registry';
import type { Request } from 'express';
import { BULK_PERMISSION } from './bulk-update.service';

/**
 * The file of a bulk update, sent as the raw request body (`?name=`), through the registry import's upload:
 * streamed to disk within its size limit, recognised by its content (UTF-8 or Windows-1252 text, or an XLSX
 * workbook within its inflation limits), private to who sent it.
 */
@Controller('api/grm/bulk-updates')
export class BulkUpdateController {
  constructor(
    private readonly uploads: ImportUploadService,
    private readonly translator: Translator,
  ) {}

  @Post('uploads')
  @HttpCode(201)
  @RequirePermissions(BULK_PERMISSION)
  async upload(@Req() req: Request, @Query('name') name: string | undefined): Promise<{ id: string; name: string; format: string; size: number }> {
    try {
      const upload = await this.uploads.save(req, (typeof name === 'string' && name.trim()) || 'bulk-update.csv');
      return { id: upload.id, name: upload.name, format: upload.format, size: upload.size };
    } catch (error) {
      throw httpErrorOf(error, this.translator);
    }
  }
}
