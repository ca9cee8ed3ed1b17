import { Subject } from 'rxjs';
import { ExportProgress, ListExport } from './list-export';

describe('ListExport', () => {
  it('shows the progress of the server job, then its download', () => {
    const progress = new Subject<ExportProgress>();
    const started: unknown[] = [];
    const job = new ListExport<{ q: string }>({ formats: ['CSV', 'XLSX'], start: (filter, format) => (started.push([filter, format]), progress) });
    job.start({ q: 'a' }, 'XLSX');
    expect(started).toEqual([[{ q: 'a' }, 'XLSX']]);
    expect([job.running(), job.percent()]).toEqual([true, null]);
    progress.next({ done: 250, total: 1000, url: null });
    expect(job.percent()).toBe(25);
    progress.next({ done: 1000, total: 1000, url: '/download/1' });
    expect([job.running(), job.url()]).toEqual([false, '/download/1']);
  });

  it('keeps the error of a failed export for the banner', () => {
    const progress = new Subject<ExportProgress>();
    const job = new ListExport<object>({ formats: ['CSV'], start: () => progress });
    job.start({}, 'CSV');
    progress.error(new Error('refused'));
    expect([job.running(), (job.error() as Error).message]).toEqual([false, 'refused']);
  });
});

describe('ListExport download', () => {
  it('fetches the ready file through the exporter, then is done with the export', async () => {
    const progress = new Subject<ExportProgress>();
    const downloaded: string[] = [];
    const job = new ListExport<object>({ formats: ['CSV'], start: () => progress, download: async (url) => void downloaded.push(url) });
    expect(job.fetchesFile).toBe(true);
    job.start({}, 'CSV');
    progress.next({ done: 100, total: 100, url: '/api/exports/1' });
    await job.download();
    expect(downloaded).toEqual(['/api/exports/1']);
    expect([job.url(), job.running()]).toEqual([null, false]);
  });

  it('keeps the file offered when the download fails, with the error shown', async () => {
    const progress = new Subject<ExportProgress>();
    const job = new ListExport<object>({ formats: ['CSV'], start: () => progress, download: () => Promise.reject(new Error('gone')) });
    job.start({}, 'CSV');
    progress.next({ done: 100, total: 100, url: '/api/exports/1' });
    await job.download();
    expect([job.url(), (job.error() as Error).message]).toEqual(['/api/exports/1', 'gone']);
  });
});
