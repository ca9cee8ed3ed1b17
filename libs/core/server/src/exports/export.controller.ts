import { Controller, Get, Param, Res } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { AuthenticatedOperation } from '../access/require-permissions.decorator';
import { RequestContext } from '../context/request-context';
import { UuidPipe } from '../graphql/uuid.pipe';
import { ExportService } from './export.service';

const MEDIA_TYPES = { CSV: 'text/csv; charset=utf-8', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** The file of a finished export: its owner's (or an administrator's), with the list's permission, until it expires. */
@Controller('api/exports')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get(':jobId')
  @AuthenticatedOperation()
  async download(@Param('jobId', UuidPipe) jobId: string, @Res() res: Response): Promise<void> {
    const file = await this.exports.fileFor(jobId, RequestContext.actor());
    const size = (await stat(file.path)).size;
    res.setHeader('Content-Type', MEDIA_TYPES[file.format]);
    res.setHeader('Content-Length', String(size));
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await pipeline(createReadStream(file.path), res);
  }
}
