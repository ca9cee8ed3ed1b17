import { inject, Injectable } from '@angular/core';
import { AuthorizedFilesService, GRAPHQL, resultData } from '@coremis/core-web';
import { exhaustMap, filter, firstValueFrom, lastValueFrom, map, Observable, takeWhile, timer } from 'rxjs';
import {
  ADMIN_AREA_IMPORT_REPORT_QUERY,
  AdminAreaImportReport,
  AreaImportUpload,
  FINISHED_JOB_STATUSES,
  IMPORT_ADMIN_AREAS_MUTATION,
  IMPORT_JOB_QUERY,
  ImportAdminAreasInput,
  Job,
} from './admin-area-import.queries';

export const JOB_POLL_INTERVAL_MS = 500;
export const AREA_UPLOAD_PATH = '/api/geo/imports/uploads';

/** Runs CSV imports of administrative areas as background jobs on the server. */
@Injectable({ providedIn: 'root' })
export class AdminAreaImportService {
  private readonly apollo = inject(GRAPHQL);
  private readonly files = inject(AuthorizedFilesService);

  /** Sends the CSV text as a file (the import then names it by id, instead of carrying megabytes of text in GraphQL). */
  async upload(csv: string, name: string): Promise<AreaImportUpload> {
    const file = new Blob([csv], { type: 'text/csv' });
    const sent = this.files.upload<AreaImportUpload>(`${AREA_UPLOAD_PATH}?name=${encodeURIComponent(name)}`, file, 'text/csv');
    return lastValueFrom(
      sent.pipe(
        filter((event) => event.type === 'done'),
        map((event) => event.body),
      ),
    );
  }

  async start(input: ImportAdminAreasInput): Promise<Job> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: IMPORT_ADMIN_AREAS_MUTATION, variables: { input } }));
    return resultData(result).importAdminAreas;
  }

  /** The job's state every 500 ms, completing after the first finished state. */
  watch(jobId: string): Observable<Job> {
    return timer(0, JOB_POLL_INTERVAL_MS).pipe(
      exhaustMap(() => this.apollo.query({ query: IMPORT_JOB_QUERY, variables: { id: jobId } })),
      map(({ data }) => {
        if (!data?.job) throw new Error(`Job ${jobId} not found`);
        return data.job;
      }),
      takeWhile((job) => !FINISHED_JOB_STATUSES.includes(job.status), true),
    );
  }

  async report(jobId: string): Promise<AdminAreaImportReport | null> {
    const { data } = await firstValueFrom(
      this.apollo.query({ query: ADMIN_AREA_IMPORT_REPORT_QUERY, variables: { jobId } }),
    );
    return data?.adminAreaImportReport ?? null;
  }
}
