import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { notFound, RequirePermissions, UuidPipe } from '@coremis/core';
import type { Response } from 'express';
import { DeliveryService, type DeliveryOutcome } from './delivery.service';
import { AgentDeliveryBatch, AgentLinesQuery } from './agent.inputs';
import { AgentService } from './agent.service';

/**
 * The payment-agent API for mobile devices at payment points (docs/payment-agent-api.md). Authenticated with the
 * platform's JWT (`Authorization: Bearer`), permission `payment.deliver`; an agent works at the points whose staff
 * lists them. Inputs are validated by the global pipe (400 with translated field errors).
 */
@Controller('api/payment/agent')
@RequirePermissions('payment.deliver')
export class AgentController {
  constructor(
    private readonly agents: AgentService,
    private readonly deliveries: DeliveryService,
  ) {}

  @Get('me')
  async me() {
    return { points: await this.agents.points() };
  }

  @Get('lines')
  lines(@Query() query: AgentLinesQuery) {
    return this.agents.lines(query);
  }

  @Get('photos/:individualId')
  async photo(@Param('individualId', UuidPipe) individualId: string, @Res() res: Response): Promise<void> {
    const photo = await this.agents.recipientPhoto(individualId);
    if (!photo) throw notFound('payment.agent.errors.photoNotFound');
    res.setHeader('Content-Type', photo.contentType);
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(photo.content);
  }

  /** Each item is applied on its own (one transaction each); the answer lists every item's outcome, in order. */
  @Post('deliveries')
  @HttpCode(200)
  async upload(@Body() batch: AgentDeliveryBatch): Promise<{ results: DeliveryOutcome[] }> {
    const pointIds = await this.agents.pointIds();
    const results: DeliveryOutcome[] = [];
    for (const item of batch.items) {
      results.push(
        await this.deliveries.deliver(
          { clientId: item.clientId.toLowerCase(), kind: item.kind, targetId: item.lineId, amountMinor: item.amountMinor ?? null, deliveredAt: item.deliveredAt, latitude: item.latitude, longitude: item.longitude, receiptNumber: item.receiptNumber ?? null, photoBase64: item.photoBase64 ?? null },
          { source: 'AGENT_API', pointIds },
        ),
      );
    }
    return { results };
  }
}
