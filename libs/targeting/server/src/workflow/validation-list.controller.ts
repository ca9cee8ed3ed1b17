import { Controller, Get, Param, Res } from '@nestjs/common';
import { RequirePermissions, UuidPipe } from '@coremis/core';
import type { Response } from 'express';
import { CommunityValidationService } from './community-validation.service';

/** The printed list of a village's pending households (PDF), in the caller's language and areas. */
@Controller('api/targeting')
export class ValidationListController {
  constructor(private readonly validation: CommunityValidationService) {}

  @Get('rounds/:roundId/validation/:areaId.pdf')
  @RequirePermissions('targeting.view')
  async download(@Param('roundId', UuidPipe) roundId: string, @Param('areaId', UuidPipe) areaId: string, @Res() res: Response): Promise<void> {
    const file = await this.validation.listPdf(roundId, areaId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(file.content);
  }
}
