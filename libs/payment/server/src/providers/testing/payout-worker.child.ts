/**
 * A CoreMIS worker for the provider kill test (`providers/provider-kill.int-spec.ts`): a real worker process (Redis,
 * the test database) with a test job that sends lines through `PaymentProviderGateway` the way a submission job
 * must: lines are marked SENDING (committed) before the provider call, and their results are written after it. The
 * first batch waits on a flag row between the provider's answer and the write of the results, the worst place to
 * die: the provider has the transfers, the database does not know. The test SIGKILLs the process there.
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { coreDefinition, defineModule, type JobContext, type JobHandler, JobProcessor, startWorker } from '@coremis/core';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import type { DataSource } from 'typeorm';
import { paymentDefinition } from '../../payment.definition';
import { PaymentProviderGateway } from '../payment-provider.gateway';
import { PaymentProvidersModule } from '../payment-providers.module';

const BATCH = 4;

@Injectable()
@JobProcessor('payment-test.payout', { maxAttempts: 3 })
class TestPayoutProcessor implements JobHandler<{ accountId: string }, { batches: number }> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: PaymentProviderGateway,
  ) {}

  async process(job: JobContext<{ accountId: string }>): Promise<{ batches: number }> {
    let batches = 0;
    for (;;) {
      // lines left SENDING by a dead process go first: the provider may have them, the same keys are sent again
      const lines: { id: string; msisdn: string; amount_minor: string }[] = await this.dataSource.transaction(async (em) => {
        const rows = await em.query(`SELECT id, msisdn, amount_minor FROM public.payout_line WHERE status IN ('NEW', 'SENDING') ORDER BY status DESC, id LIMIT ${BATCH} FOR UPDATE`);
        if (rows.length) await em.query(`UPDATE public.payout_line SET status = 'SENDING', attempts = attempts + 1 WHERE id = ANY($1)`, [rows.map((r: { id: string }) => r.id)]);
        return rows;
      });
      if (lines.length === 0) return { batches };
      const results = await this.gateway.submit(job.payload.accountId, lines.map((line) => ({ idempotencyKey: line.id, amountMinor: line.amount_minor, currency: 'EUR', payeeName: 'Test', msisdn: line.msisdn })));
      await this.dataSource.query(`INSERT INTO public.payout_event (pid, attempt, batch, lines) VALUES ($1, $2, $3, $4)`, [process.pid, job.attempt, batches, lines.length]);
      if (batches === 0) await this.whileBlocked();
      await this.dataSource.transaction(async (em) => {
        for (const result of results) {
          const status = result.status === 'PAID' || result.status === 'PENDING' ? 'SUBMITTED' : result.status === 'FAILED' ? 'FAILED' : 'SENDING';
          await em.query(`UPDATE public.payout_line SET status = $2, provider_reference = $3, result = $4 WHERE id = $1`, [result.idempotencyKey, status, result.providerReference ?? null, result.status]);
        }
      });
      batches++;
      await job.updateProgress(Math.min(0.99, batches / 10));
    }
  }

  private async whileBlocked(): Promise<void> {
    for (;;) {
      const [flag]: { blocked: boolean }[] = await this.dataSource.query(`SELECT blocked FROM public.payout_flag WHERE name = 'after-provider'`);
      if (!flag?.blocked) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

@Module({ imports: [PaymentProvidersModule], providers: [TestPayoutProcessor] })
class PayoutTestWorkerModule {}

const payoutTest = defineModule({
  key: 'payouttest',
  dependsOn: ['core', 'payment'],
  workerModule: PayoutTestWorkerModule,
  entities: [],
  migrations: [],
  permissions: [],
  menu: [],
  translations: { en: {}, fr: {}, pt: {} },
});

async function main(): Promise<void> {
  await startWorker([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition, payoutTest], process.env);
  process.stdout.write('READY\n');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
