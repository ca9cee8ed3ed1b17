import { inject, Injectable } from '@angular/core';
import { defer, from, Observable, switchMap, takeWhile, timer, map, concat, of } from 'rxjs';
import { AuthorizedFilesService, FileTransferError } from '../../files/authorized-files.service';
import { resultData } from '../../graphql/result-data';
import { ExportFormat, ExportProgress, ListExporter } from './list-export';
import { EXPORT_JOB_QUERY, START_EXPORT_MUTATION } from './server-export.queries';
import { GRAPHQL } from '../../graphql/graphql-client';

/** How often the job's progress is read while it runs. */
export const EXPORT_POLL_MS = 700;

/**
 * Exporters of lists the server registered as exportable (`startExport`): the job writes the file
 * from the list's own scoped query; its progress is polled until the file can be downloaded, with the
 * user's access token, from `/api/exports/<job id>`.
 */
@Injectable({ providedIn: 'root' })
export class ServerExports {
  private readonly apollo = inject(GRAPHQL);
  private readonly files = inject(AuthorizedFilesService);

  /** `toFilter` turns the page's filter into the filter input of the list's query (the same one the page sends). */
  exporter<F>(list: string, toFilter: (filter: F) => Record<string, unknown>, formats: readonly ExportFormat[] = ['XLSX', 'CSV']): ListExporter<F> {
    return {
      formats,
      start: (filter, format) => this.start(list, format, toFilter(filter)),
      download: (url) => this.files.save(url, `${list}-export`),
    };
  }

  private start(list: string, format: ExportFormat, filter: Record<string, unknown>): Observable<ExportProgress> {
    return defer(() => this.apollo.mutate({ mutation: START_EXPORT_MUTATION, variables: { input: { list, format, filter: withoutEmpty(filter) } } })).pipe(
      map((result) => resultData(result).startExport.id),
      switchMap((id) =>
        concat(
          of<ExportProgress>({ done: 0, total: 100, url: null }),
          timer(EXPORT_POLL_MS, EXPORT_POLL_MS).pipe(
            switchMap(() => from(this.apollo.query({ query: EXPORT_JOB_QUERY, variables: { id }, fetchPolicy: 'no-cache' }))),
            map((result) => resultData(result).job),
            takeWhile((job) => job?.status === 'QUEUED' || job?.status === 'RUNNING', true),
            map((job): ExportProgress => {
              if (job?.status === 'COMPLETED') return { done: 100, total: 100, url: `/api/exports/${id}` };
              if (job?.status === 'QUEUED' || job?.status === 'RUNNING') return { done: Math.round((job.progress ?? 0) * 100), total: 100, url: null };
              throw new FileTransferError(0, null, 'core.list.exportFailed');
            }),
          ),
        ),
      ),
    );
  }
}

/** Empty filter values are left out, as the list's own query leaves them out. */
function withoutEmpty(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}
