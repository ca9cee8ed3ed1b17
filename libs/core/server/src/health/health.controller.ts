import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { PublicOperation } from '../access/require-permissions.decorator';
import { BullmqTransport, JOB_TRANSPORT, type JobTransport } from '../queue/job-transport';

/** Probes for load balancers and orchestrators: open to anyone, they reveal nothing but up or down. */
@Controller('health')
@PublicOperation()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
  ) {}

  /** The process is up; load balancers restart it when this fails. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: database reachable and, when configured, Redis too. */
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const checks: Record<string, string> = {};
    checks.database = await this.dataSource.query('SELECT 1').then(() => 'up', () => 'down');
    checks.redis = this.transport instanceof BullmqTransport
      ? await withTimeout(this.transport.ping(), 2000).then((ok) => (ok ? 'up' : 'down'), () => 'down')
      : 'not configured (jobs run in-process)';
    const ok = !Object.values(checks).includes('down');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', checks });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
