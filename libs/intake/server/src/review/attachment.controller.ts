import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { RequirePermissions, Translator, UuidPipe } from '@coremis/core';
import type { Response } from 'express';
import { SubmissionReviewService } from './submission-review.service';

/** A submission's attachment (a photo), for the cleaning queue: visible with its submission, in the caller's areas. */
@Controller('api/intake')
export class AttachmentController {
  constructor(
    private readonly review: SubmissionReviewService,
    private readonly translator: Translator,
  ) {}

  @Get('attachments/:id')
  @RequirePermissions('intake.view')
  async download(@Param('id', UuidPipe) id: string, @Res() res: Response): Promise<void> {
    const file = await this.review.attachmentContent(id);
    if (!file?.content) throw new NotFoundException({ code: 'NOT_FOUND', message: this.translator.translate('intake.errors.notFound', this.translator.currentLanguage()) });
    res.setHeader('Content-Type', /^image\/(jpeg|png|webp)$/.test(file.contentType) ? file.contentType : 'application/octet-stream');
    res.setHeader('Content-Disposition', 'attachment');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(file.content);
  }
}
