import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackRejected, type PaymentProviderAdapter, type PayoutResult, type ProviderConfig } from '../payment-provider';

/**
 * The payroll side's rule for results, as a reference for the adapter contract tests: PAID and FAILED are final,
 * a later PENDING/UNKNOWN (stale or duplicated) never moves a line back, and a second final result is ignored.
 */
export class ReferenceLedger {
  readonly lines = new Map<string, PayoutResult>();
  applied = 0;

  apply(results: PayoutResult[]): void {
    for (const result of results) {
      this.applied++;
      const current = this.lines.get(result.idempotencyKey);
      if (current && (current.status === 'PAID' || current.status === 'FAILED')) continue;
      if (current && current.status === 'PENDING' && result.status === 'UNKNOWN') continue;
      this.lines.set(result.idempotencyKey, result);
    }
  }

  status(key: string): string | undefined {
    return this.lines.get(key)?.status;
  }
}

/** A small HTTP endpoint standing in for `/api/payment/callbacks/:accountCode`: authenticates through the adapter, applies to a ledger. */
export class CallbackReceiver {
  readonly ledger = new ReferenceLedger();
  readonly answers: number[] = [];
  private server?: Server;
  private endpoint = '';

  constructor(private readonly adapter: PaymentProviderAdapter, private readonly config: () => ProviderConfig) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://receiver');
        this.adapter
          .parseCallback(this.config(), { headers: req.headers, rawBody: Buffer.concat(chunks), query: Object.fromEntries(url.searchParams) })
          .then((results) => {
            this.ledger.apply(results);
            return 200;
          })
          .catch((error) => (error instanceof CallbackRejected ? (error.reason === 'signature' ? 401 : 400) : 500))
          .then((status) => {
            this.answers.push(status);
            res.writeHead(status).end();
          });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/payment/callbacks/test-account`;
    return this.endpoint;
  }

  /** The callback endpoint (the config is accepted for symmetry with adapters that add query parameters). */
  url(_config?: ProviderConfig): string {
    return this.endpoint;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
