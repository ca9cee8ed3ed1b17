import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Failure modes every fake provider can be switched into (all off by default):
 * - `slowSubmitMs`: the provider accepts (and will pay) the transfer but answers only after this delay;
 * - `submitStatus500`: 'before' refuses with 500 without acting; 'after' acts, then answers 500;
 * - `callbackBeforeResponse`: the outcome callback is delivered (and awaited) before the submit's answer;
 * - `duplicateCallbacks`: every callback is sent twice;
 * - `staleCallbackAfterFinal`: after the final callback, a stale PENDING one (out of order);
 * - `withholdCallbacks`: no callback at all (only status polling can settle);
 * - `outcome`: the final status of a transfer by its key (default: paid);
 * - down: `stop()` closes the listener, `start()` reopens it on the same port.
 */
export interface FakeModes {
  slowSubmitMs: number;
  submitStatus500: 'off' | 'before' | 'after';
  callbackBeforeResponse: boolean;
  duplicateCallbacks: boolean;
  staleCallbackAfterFinal: boolean;
  withholdCallbacks: boolean;
  settleMs: number;
  outcome: (key: string) => 'PAID' | 'FAILED';
}

export const DEFAULT_MODES: FakeModes = {
  slowSubmitMs: 0,
  submitStatus500: 'off',
  callbackBeforeResponse: false,
  duplicateCallbacks: false,
  staleCallbackAfterFinal: false,
  withholdCallbacks: false,
  settleMs: 0,
  outcome: () => 'PAID',
};

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type FakeHandler = (request: FakeRequest, res: ServerResponse) => Promise<void> | void;

/** A plain node http server on 127.0.0.1 with switchable modes, counters of money moved per key, and callback delivery. */
export abstract class FakeProviderServer {
  modes: FakeModes = { ...DEFAULT_MODES };
  /** How many times money moved for each idempotency key: a value above 1 is a double payment. */
  readonly paymentsByKey = new Map<string, number>();
  /** Every callback sent: url, body, HTTP status of our answer (0 when unreachable). */
  readonly callbacksSent: { url: string; body: string; status: number }[] = [];
  /** Every request received, for assertions on headers and idempotency fields. */
  readonly requests: FakeRequest[] = [];
  private server?: Server;
  private port = 0;
  private readonly pendingTimers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<Promise<unknown>>();

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Total transfers made (one per key unless the fake was fooled into paying twice). */
  get transferCount(): number {
    let total = 0;
    for (const count of this.paymentsByKey.values()) total += count;
    return total;
  }

  setModes(modes: Partial<FakeModes>): void {
    this.modes = { ...this.modes, ...modes };
  }

  async start(port = this.port): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) };
        this.requests.push(request);
        Promise.resolve(this.handle(request, res)).catch((error) => {
          if (!res.headersSent) json(res, 500, { error: String(error) });
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Down: stops listening (open connections are cut). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stops, cancels scheduled callbacks and waits for the ones under way. */
  async close(): Promise<void> {
    for (const timer of this.pendingTimers) clearTimeout(timer);
    this.pendingTimers.clear();
    await this.stop();
    await Promise.allSettled([...this.inflight]);
  }

  /** Waits until every scheduled and in-flight callback has been delivered. */
  async settled(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.pendingTimers.size > 0 || this.inflight.size > 0) && Date.now() < deadline) {
      await Promise.allSettled([...this.inflight]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  protected abstract handle(request: FakeRequest, res: ServerResponse): Promise<void> | void;

  /** Records that money moved for `key`. */
  protected pay(key: string): void {
    this.paymentsByKey.set(key, (this.paymentsByKey.get(key) ?? 0) + 1);
  }

  protected later(ms: number, task: () => Promise<void> | void): void {
    const timer = setTimeout(() => {
      this.pendingTimers.delete(timer);
      this.track(Promise.resolve().then(task));
    }, ms);
    this.pendingTimers.add(timer);
  }

  protected track<T>(promise: Promise<T>): Promise<T> {
    const tracked = promise.catch(() => undefined) as Promise<T>;
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
    return promise;
  }

  /** Delivers one callback (twice in `duplicateCallbacks` mode); the method defaults to POST. */
  protected async sendCallback(url: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<void> {
    const times = this.modes.duplicateCallbacks ? 2 : 1;
    for (let i = 0; i < times; i++) {
      const entry = { url, body, status: 0 };
      this.callbacksSent.push(entry);
      try {
        const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(5000) });
        entry.status = response.status;
        await response.text();
      } catch {
        entry.status = 0;
      }
    }
  }

  protected sleep(ms: number): Promise<void> {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }
}

export function json(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function bearer(request: FakeRequest): string | undefined {
  const value = request.headers.authorization;
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : undefined;
}

export function basic(request: FakeRequest): [string, string] | undefined {
  const value = request.headers.authorization;
  if (typeof value !== 'string' || !value.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(value.slice(6), 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  return at < 0 ? undefined : [decoded.slice(0, at), decoded.slice(at + 1)];
}

export function headerValue(request: FakeRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
