import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { DOCUMENT_SIGNATURES, httpErrorOf, notFound, PublicOperation, readSmallFile, RequirePermissions, storedFileHeaders, Translator, UuidPipe } from '@coremis/core';
import type { Request, Response } from 'express';
import { MAX_ATTACHMENT_BYTES, TicketAttachmentService } from './ticket-attachment.service';

const REFERENCE = /^[A-Z0-9-]{4,40}$/;

/**
 * Ticket attachments, sent as the raw request body (`?name=` gives the file's name): photos (JPEG, PNG, WebP) and
 * PDF scans up to 5 MB, recognised by their bytes. Staff attach to tickets of their areas; the reporter attaches with
 * the reference and the secret of the receipt (header `X-Ticket-Secret`, never in the address).
 */
@Controller('api/grm')
export class TicketAttachmentController {
  constructor(
    private readonly attachments: TicketAttachmentService,
    private readonly translator: Translator,
  ) {}

  @Post('tickets/:id/attachments')
  @HttpCode(201)
  @RequirePermissions('grm.manage')
  async upload(@Param('id', UuidPipe) id: string, @Query('name') name: string | undefined, @Req() req: Request) {
    return this.answer(async () => this.attachments.addByStaff(id, await readSmallFile(req, { maxBytes: MAX_ATTACHMENT_BYTES, accept: DOCUMENT_SIGNATURES, name, fallbackName: 'attachment' })));
  }

  @Post('public/tickets/:reference/attachments')
  @HttpCode(201)
  @PublicOperation()
  async uploadByReporter(@Param('reference') reference: string, @Headers('x-ticket-secret') secret: string | undefined, @Query('name') name: string | undefined, @Req() req: Request) {
    return this.answer(async () => {
      if (!REFERENCE.test(reference) || !secret || secret.length > 100) throw this.notFound();
      return this.attachments.addByReporter(reference, secret, () => readSmallFile(req, { maxBytes: MAX_ATTACHMENT_BYTES, accept: DOCUMENT_SIGNATURES, name, fallbackName: 'attachment' }));
    });
  }

  @Get('attachments/:id')
  @RequirePermissions('grm.view')
  async download(@Param('id', UuidPipe) id: string, @Res() res: Response): Promise<void> {
    const file = await this.attachments.download(id);
    if (!file?.content) throw this.notFound();
    res.set(storedFileHeaders({ name: file.name, contentType: file.contentType, size: file.size, content: file.content }));
    res.end(file.content);
  }

  /** In the REST error shape every route answers with (`{ statusCode, code, key, message }`). */
  private notFound(): unknown {
    return httpErrorOf(notFound('grm.errors.notFound'), this.translator);
  }

  private async answer<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw httpErrorOf(error, this.translator);
    }
  }
}
