import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsOptional, IsString } from 'class-validator';
import { RequestContext, type Actor } from '../context/request-context';
import type { JobContext } from '../queue/job-processor.decorator';
import { PermanentJobError } from '../queue/job-processor.decorator';
import { ExportProcessor } from './export.processor';
import { type ExportPayload, ExportService } from './export.service';
import { ExportRegistry } from './exportable-list';

class NameFilter {
  @IsOptional()
  @IsString()
  prefix?: string;
}

const ROWS = Array.from({ length: 1234 }, (_, i) => ({ id: i, name: `n${String(i).padStart(4, '0')}` }));

describe('ExportProcessor', () => {
  let dir: string;
  let registry: ExportRegistry;
  let processor: ExportProcessor;
  let failAfterBatches: number | null;
  const afters: (string | null)[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'export-job-'));
    failAfterBatches = null;
    afters.length = 0;
    registry = new ExportRegistry();
    registry.register<NameFilter, { id: number; name: string }>({
      name: 'test.names',
      permission: 'test.view',
      filterType: NameFilter,
      columns: [{ key: 'name', header: 'h.name', value: (r) => r.name }],
      fetch: async (filter, page) => {
        afters.push(page.after);
        if (failAfterBatches !== null && afters.length > failAfterBatches) throw new Error('database went away');
        const start = page.after === null ? 0 : Number(page.after) + 1;
        const rows = ROWS.filter((r) => r.id >= start && r.name.startsWith(filter.prefix ?? '')).slice(0, page.first);
        const last = rows[rows.length - 1];
        return { rows, endCursor: last ? String(last.id) : null, hasNextPage: !!last && last.id < ROWS.length - 1, totalCount: ROWS.length };
      },
    });
    const config = { DATA_DIR: dir, EXPORT_RETENTION_HOURS: 24, JOB_SWEEP_MS: 1000 } as never;
    const translator = { translate: (key: string, lang: string) => `${key}:${lang}` } as never;
    const service = new ExportService({} as never, config, registry, {} as never, {} as never, translator);
    processor = new ExportProcessor(registry, service, translator, config);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const actor = (permissions: string[]): Actor => ({ userId: 'u', username: 'u', sessionId: null, roles: [], permissions: new Set(permissions), areaPaths: null });
  const job = (store: { checkpoint: unknown; progress: number[] }, payload: Partial<ExportPayload> = {}): JobContext<ExportPayload> => ({
    id: '00000000-0000-4000-8000-000000000001',
    name: 'test.names',
    payload: { list: 'test.names', format: 'CSV', filter: {}, lang: 'fr', ...payload },
    createdBy: 'u',
    attempt: 1,
    checkpoint: store.checkpoint as never,
    saveCheckpoint: async (value) => void (store.checkpoint = value),
    updateProgress: async (value) => void store.progress.push(value),
    isCancelled: async () => false,
  });
  const run = (store: { checkpoint: unknown; progress: number[] }, permissions = ['test.view'], payload: Partial<ExportPayload> = {}) =>
    RequestContext.run({ ...RequestContext.system(), actor: actor(permissions) }, () => processor.process(job(store, payload)));

  it('writes every row in keyset batches, with progress and translated headers', async () => {
    const store = { checkpoint: null, progress: [] as number[] };
    const result = await run(store);
    expect(result).toMatchObject({ format: 'CSV', rows: 1234 });
    expect(afters).toEqual([null, '499', '999']);
    expect(store.progress.map((p) => Math.round(p * 100))).toEqual([41, 81, 99]);
    const lines = (await readFile(join(dir, 'exports', `${job(store).id}.csv`), 'utf8')).split('\r\n');
    expect(lines[0]).toBe('\uFEFFh.name:fr');
    expect(lines.slice(1, -1)).toEqual(ROWS.map((r) => r.name));
  });

  it('resumes an interrupted CSV export from its checkpoint, without duplicates or gaps', async () => {
    const store = { checkpoint: null as unknown, progress: [] as number[] };
    failAfterBatches = 2;
    await expect(run(store)).rejects.toThrow('database went away');
    expect(store.checkpoint).toMatchObject({ after: '999', rows: 1000 });
    failAfterBatches = null;
    afters.length = 0;
    await run(store);
    expect(afters).toEqual(['999']);
    const lines = (await readFile(join(dir, 'exports', `${job(store).id}.csv`), 'utf8')).split('\r\n');
    expect(lines.slice(1, -1)).toEqual(ROWS.map((r) => r.name));
  });

  it('fails for good when the user lost the permission or the filter is not the list’s', async () => {
    await expect(run({ checkpoint: null, progress: [] }, ['other'])).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run({ checkpoint: null, progress: [] }, ['test.view'], { filter: { nope: 1 } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
