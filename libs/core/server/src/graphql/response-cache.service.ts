import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { DATA_CHANGE_CHANNEL } from '../database/data-change-signal';

interface Entry {
  dataVersion: string;
  epoch: number;
  expiresAt: number;
  /** The response body as sent (JSON text, encoded once: every hit writes the same bytes). */
  body: Buffer;
}

/** What the hit path found out about a request, for the GraphQL plugin to store its answer under. */
export interface ResponseCacheTicket {
  key: string;
  dataVersion: string;
  epoch: number;
}

const RECONNECT_MS = [100, 500, 2000, 5000];

/**
 * Answers of `@CacheableQuery` operations, kept per key (actor, language, document, variables) in
 * least-recently-used order within RESPONSE_CACHE_MB. An entry is served only while both versions
 * it was read under still hold: `core.data_change_seq` (read with the actor at each request, so a
 * write committed before the request is seen) and the local epoch, advanced by each commit's
 * notification (a write that was still open while the page was read) and by this process's own
 * mutations. Without a live notification connection nothing is served.
 */
@Injectable()
export class ResponseCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ResponseCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private bytes = 0;
  private epochValue = 0;
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private attempts = 0;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    @Inject(CORE_CONFIG) config: CoreConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.maxBytes = config.RESPONSE_CACHE_MB * 1024 * 1024;
    this.ttlMs = config.RESPONSE_CACHE_TTL_SECONDS * 1000;
  }

  /** Whether answers may be served and stored now. */
  get usable(): boolean {
    return this.maxBytes > 0 && this.listening;
  }

  get epoch(): number {
    return this.epochValue;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.maxBytes > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.listening = false;
    await this.client?.end().catch(() => undefined);
  }

  /** Everything read so far may be stale. */
  invalidate(): void {
    this.epochValue++;
    this.entries.clear();
    this.bytes = 0;
  }

  get(key: string, dataVersion: string, epoch: number): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.dataVersion !== dataVersion || entry.epoch !== epoch || entry.expiresAt < Date.now()) {
      this.remove(key, entry);
      return undefined;
    }
    // refresh its place in the least-recently-used order
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, dataVersion: string, epoch: number, text: string): void {
    if (!this.usable || epoch !== this.epochValue) return;
    const body = Buffer.from(text, 'utf8');
    const size = body.length;
    if (size > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    const now = Date.now();
    // a person's age changes at midnight (UTC, as the resolver computes it)
    const nextDay = Math.ceil((now + 1) / 86_400_000) * 86_400_000;
    this.entries.set(key, { dataVersion, epoch, expiresAt: Math.min(now + this.ttlMs, nextDay), body });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest, entry);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as PostgresConnectionOptions).url;
    const client = new Client({ connectionString: url, application_name: 'coremis-data-change' });
    this.client = client;
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.listening = false;
      this.invalidate();
      this.client = null;
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (error) this.logger.warn({ err: error }, 'data change notifications lost: the response cache is off until they are back');
      const delay = RECONNECT_MS[Math.min(this.attempts++, RECONNECT_MS.length - 1)];
      this.reconnectTimer = setTimeout(() => void this.listen(), delay);
      this.reconnectTimer.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', () => this.invalidate());
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_CHANGE_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (this.client !== client) return;
    this.attempts = 0;
    // anything may have changed while no one listened
    this.invalidate();
    this.listening = true;
  }
}
