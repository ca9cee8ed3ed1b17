import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { GOODS_GENERATION_QUEUE, type GoodsGenerationCheckpoint, type GoodsGenerationPayload, GoodsService } from './goods.service';

/** Generates a goods distribution's entitlements (worker, or in-process without Redis). */
@Injectable()
@JobProcessor(GOODS_GENERATION_QUEUE)
export class GoodsGenerationProcessor implements JobHandler<GoodsGenerationPayload, GoodsGenerationCheckpoint> {
  constructor(private readonly goods: GoodsService) {}

  process(job: JobContext<GoodsGenerationPayload>): Promise<GoodsGenerationCheckpoint> {
    return this.goods.runGeneration(job as unknown as JobContext<GoodsGenerationPayload, GoodsGenerationCheckpoint>);
  }
}
