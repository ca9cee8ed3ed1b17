import { createHmac, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FakeProviderServer, type FakeRequest, headerValue, json } from './fake-provider-kit';

export interface FakePhEeOptions {
  tenant: string;
  /** The secret the hub signs its callbacks with (HMAC-SHA256, base64, `X-Signature`). */
  callbackSecret: string;
}

interface PhEeTransaction {
  requestId: string;
  amount: string;
  currency: string;
  payeeIdentifier: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  transactionId?: string;
  errorCode?: string;
  batchId: string;
}

interface PhEeBatch {
  id: string;
  correlationId: string;
  callbackUrl: string;
  requestIds: string[];
}

const COLUMNS = ['id', 'request_id', 'payment_mode', 'payer_identifier_type', 'payer_identifier', 'payee_identifier_type', 'payee_identifier', 'amount', 'currency', 'note'];

/**
 * Payment Hub EE bulk processor as the GovStack Payments BB describes it: `POST /batchtransactions?type=CSV` with
 * `Platform-TenantId`, `X-CorrelationID`, `X-CallbackURL`, a CSV body, 202 with the batch id; `GET /batch` summary,
 * `GET /batch/detail` per-transaction statuses; a signed callback when the batch settles. A reused correlation id
 * answers with the batch already received, and a request id already received in another batch is not paid again.
 */
export class FakePhEeServer extends FakeProviderServer {
  readonly batches = new Map<string, PhEeBatch>();
  readonly transactions = new Map<string, PhEeTransaction>();

  constructor(readonly options: FakePhEeOptions) {
    super();
  }

  protected async handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    if (headerValue(request, 'platform-tenantid') !== this.options.tenant) return json(res, 401, { errorCode: 'TENANT_INVALID', errorDescription: 'Unknown or missing Platform-TenantId.' });
    if (request.method === 'POST' && request.path === '/batchtransactions') return this.submit(request, res);
    if (request.method === 'GET' && (request.path === '/batch' || request.path === '/batch/detail')) {
      const batch = this.find(request.query.get('batchId'), request.query.get('requestId'));
      if (!batch) return json(res, 404, { errorCode: 'BATCH_NOT_FOUND', errorDescription: 'No batch with this id.' });
      const rows = batch.requestIds.map((id) => this.transactions.get(id)!);
      if (request.path === '/batch') {
        return json(res, 200, {
          batch_id: batch.id,
          request_id: batch.correlationId,
          total: rows.length,
          ongoing: rows.filter((row) => row.status === 'IN_PROGRESS').length,
          failed: rows.filter((row) => row.status === 'FAILED').length,
          completed: rows.filter((row) => row.status === 'COMPLETED').length,
          status: rows.some((row) => row.status === 'IN_PROGRESS') ? 'IN_PROGRESS' : 'COMPLETED',
        });
      }
      const size = Math.max(1, Math.min(1000, Number(request.query.get('pageSize') ?? 20)));
      const page = Math.max(1, Number(request.query.get('pageNo') ?? 1));
      const content = rows.slice((page - 1) * size, page * size).map((row) => this.view(row));
      return json(res, 200, { content, totalPages: Math.ceil(rows.length / size), totalElements: rows.length, number: page });
    }
    return json(res, 404, { errorCode: 'NOT_FOUND', errorDescription: 'Not found.' });
  }

  private find(batchId: string | null, correlationId: string | null): PhEeBatch | undefined {
    if (batchId) return this.batches.get(batchId);
    return [...this.batches.values()].find((batch) => batch.correlationId === correlationId);
  }

  private async submit(request: FakeRequest, res: ServerResponse): Promise<void> {
    const correlationId = headerValue(request, 'x-correlationid');
    const callbackUrl = headerValue(request, 'x-callbackurl');
    if (!correlationId || !callbackUrl || request.query.get('type') !== 'CSV') return json(res, 400, { errorCode: 'INVALID_REQUEST', errorDescription: 'X-CorrelationID, X-CallbackURL and type=CSV are required.' });
    if (this.modes.submitStatus500 === 'before') return json(res, 500, { errorCode: 'INTERNAL_ERROR', errorDescription: 'Internal error.' });
    const existing = this.find(null, correlationId);
    if (existing) return json(res, 202, { batchId: existing.id, PollingPath: `/batch?batchId=${existing.id}`, SuggestedCallbackSeconds: 1 });
    const lines = request.body.toString('utf8').split(/\r?\n/).filter((line) => line.trim());
    if (lines.length < 2 || lines[0].split(',').join() !== COLUMNS.join()) return json(res, 400, { errorCode: 'INVALID_FILE', errorDescription: 'Unexpected CSV header.' });
    const parsed: Record<string, string>[] = [];
    for (const line of lines.slice(1)) {
      const cells = parseCsvLine(line);
      if (cells.length !== COLUMNS.length) return json(res, 400, { errorCode: 'INVALID_FILE', errorDescription: 'Wrong number of columns.' });
      const row = Object.fromEntries(COLUMNS.map((column, index) => [column, cells[index]]));
      if (!row['request_id'] || !/^\d+(\.\d+)?$/.test(row['amount']) || !row['currency'] || !row['payee_identifier']) return json(res, 400, { errorCode: 'INVALID_FILE', errorDescription: `Invalid row ${row['id']}.` });
      parsed.push(row);
    }
    const batch: PhEeBatch = { id: randomUUID(), correlationId, callbackUrl, requestIds: [] };
    const fresh: PhEeTransaction[] = [];
    for (const row of parsed) {
      batch.requestIds.push(row['request_id']);
      // a request id the hub already has keeps its first transaction: never a second payment
      if (this.transactions.has(row['request_id'])) continue;
      const transaction: PhEeTransaction = { requestId: row['request_id'], amount: row['amount'], currency: row['currency'], payeeIdentifier: row['payee_identifier'], status: 'IN_PROGRESS', batchId: batch.id };
      this.transactions.set(transaction.requestId, transaction);
      fresh.push(transaction);
    }
    this.batches.set(batch.id, batch);
    if (this.modes.callbackBeforeResponse) await this.track(this.settle(batch, fresh));
    else this.later(this.modes.settleMs, () => this.settle(batch, fresh));
    await this.sleep(this.modes.slowSubmitMs);
    if (this.modes.submitStatus500 === 'after') return json(res, 500, { errorCode: 'INTERNAL_ERROR', errorDescription: 'Internal error.' });
    json(res, 202, { batchId: batch.id, PollingPath: `/batch?batchId=${batch.id}`, SuggestedCallbackSeconds: 1 });
  }

  private async settle(batch: PhEeBatch, fresh: PhEeTransaction[]): Promise<void> {
    for (const transaction of fresh) {
      if (transaction.status !== 'IN_PROGRESS') continue;
      if (this.modes.outcome(transaction.requestId) === 'PAID') {
        transaction.status = 'COMPLETED';
        transaction.transactionId = randomUUID();
        this.pay(transaction.requestId);
      } else {
        transaction.status = 'FAILED';
        transaction.errorCode = 'PAYEE_ACCOUNT_NOT_FOUND';
      }
    }
    if (this.modes.withholdCallbacks) return;
    const rows = batch.requestIds.map((id) => this.transactions.get(id)!);
    await this.signedCallback(batch, rows.map((row) => this.view(row)));
    if (this.modes.staleCallbackAfterFinal) await this.signedCallback(batch, rows.map((row) => ({ ...this.view(row), status: 'IN_PROGRESS', transactionId: undefined })));
  }

  private signedCallback(batch: PhEeBatch, transactions: Record<string, unknown>[]): Promise<void> {
    const body = JSON.stringify({ batchId: batch.id, clientCorrelationId: batch.correlationId, transactions });
    const signature = createHmac('sha256', this.options.callbackSecret).update(body).digest('base64');
    return this.sendCallback(batch.callbackUrl, body, { 'X-Signature': signature, 'Platform-TenantId': this.options.tenant });
  }

  private view(row: PhEeTransaction): Record<string, unknown> {
    return { requestId: row.requestId, batchId: row.batchId, amount: row.amount, currency: row.currency, payeeIdentifier: row.payeeIdentifier, status: row.status, transactionId: row.transactionId, errorCode: row.errorCode };
  }
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  return cells;
}
