import { Injector } from '@angular/core';
import { GRAPHQL } from '../../graphql/graphql-client';
import { of } from 'rxjs';
import { AuthorizedFilesService } from '../../files/authorized-files.service';
import { ExportProgress } from './list-export';
import { EXPORT_POLL_MS, ServerExports } from './server-exports.service';

describe('ServerExports', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup(states: { status: string; progress: number }[]) {
    const mutations: unknown[] = [];
    const saved: string[] = [];
    const apollo = {
      mutate: (options: { variables: unknown }) => (mutations.push(options.variables), of({ data: { startExport: { id: 'job-1', status: 'QUEUED', progress: 0 } } })),
      query: () => of({ data: { job: { id: 'job-1', result: null, errorMessage: null, ...states.shift()! } } }),
    };
    const files = { save: async (url: string) => void saved.push(url) };
    const injector = Injector.create({ providers: [{ provide: GRAPHQL, useValue: apollo }, { provide: AuthorizedFilesService, useValue: files }, { provide: ServerExports }] });
    return { exports: injector.get(ServerExports), mutations, saved };
  }

  it('starts the export with the list’s filter (empty values left out), follows the job, then offers its file', async () => {
    const { exports, mutations, saved } = setup([
      { status: 'RUNNING', progress: 0.4 },
      { status: 'COMPLETED', progress: 1 },
    ]);
    const exporter = exports.exporter<{ q: string | null; area: string }>('registry.households', (f) => ({ search: f.q, areaId: f.area }));
    const seen: ExportProgress[] = [];
    let complete = false;
    exporter.start({ q: null, area: 'a-1' }, 'XLSX').subscribe({ next: (p) => seen.push(p), complete: () => (complete = true) });
    expect(mutations).toEqual([{ input: { list: 'registry.households', format: 'XLSX', filter: { areaId: 'a-1' } } }]);
    await jest.advanceTimersByTimeAsync(EXPORT_POLL_MS * 2);
    expect(seen).toEqual([
      { done: 0, total: 100, url: null },
      { done: 40, total: 100, url: null },
      { done: 100, total: 100, url: '/api/exports/job-1' },
    ]);
    expect(complete).toBe(true);
    await exporter.download!('/api/exports/job-1');
    expect(saved).toEqual(['/api/exports/job-1']);
  });

  it('reports a failed job as an export failure', async () => {
    const { exports } = setup([{ status: 'FAILED', progress: 0.2 }]);
    let error: unknown = null;
    exports.exporter<object>('core.users', () => ({})).start({}, 'CSV').subscribe({ error: (e: unknown) => (error = e) });
    await jest.advanceTimersByTimeAsync(EXPORT_POLL_MS);
    expect((error as { messageKey: string }).messageKey).toBe('core.list.exportFailed');
  });
});
