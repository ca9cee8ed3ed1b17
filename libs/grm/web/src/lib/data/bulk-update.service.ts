import { inject, Injectable } from '@angular/core';
import { AuthorizedFilesService, GRAPHQL, resultData, type UploadEvent } from '@coremis/core-web';
import { firstValueFrom, type Observable } from 'rxjs';
import type { ChangeRecordType } from './generated/graphql';
import {
  APPLY_BULK_UPDATE_MUTATION,
  BULK_UPDATE_COLUMNS_QUERY,
  BULK_UPDATE_ERRORS_QUERY,
  BULK_UPDATE_FIELDS_QUERY,
  BULK_UPDATE_QUERY,
  BULK_UPDATE_SAMPLE_QUERY,
  type BulkUpdate,
  type BulkUpdateChange,
  type BulkUpdateErrorPage,
  type BulkUpdateField,
  type BulkUpload,
  CREATE_BULK_UPDATE_MUTATION,
  type CreateBulkUpdateInput,
} from './bulk-update.queries';

export const BULK_UPLOAD_PATH = '/api/grm/bulk-updates/uploads';
export const BULK_ERRORS_PAGE = 50;

/** Bulk updates from a file through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class BulkUpdateService {
  private readonly apollo = inject(GRAPHQL);
  private readonly files = inject(AuthorizedFilesService);

  upload(file: File): Observable<UploadEvent<BulkUpload>> {
    return this.files.upload<BulkUpload>(`${BULK_UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, file);
  }

  async columns(uploadId: string): Promise<readonly string[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: BULK_UPDATE_COLUMNS_QUERY, variables: { uploadId }, fetchPolicy: 'network-only' }))).bulkUpdateColumns;
  }

  async fields(recordType: ChangeRecordType): Promise<readonly BulkUpdateField[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: BULK_UPDATE_FIELDS_QUERY, variables: { recordType }, fetchPolicy: 'network-only' }))).bulkUpdateFields;
  }

  async get(id: string): Promise<BulkUpdate | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: BULK_UPDATE_QUERY, variables: { id }, fetchPolicy: 'network-only' }))).bulkUpdate ?? null;
  }

  async errors(id: string, offset: number): Promise<BulkUpdateErrorPage> {
    return resultData(await firstValueFrom(this.apollo.query({ query: BULK_UPDATE_ERRORS_QUERY, variables: { id, first: BULK_ERRORS_PAGE, offset }, fetchPolicy: 'network-only' }))).bulkUpdateErrors;
  }

  async sample(id: string): Promise<readonly BulkUpdateChange[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: BULK_UPDATE_SAMPLE_QUERY, variables: { id }, fetchPolicy: 'network-only' }))).bulkUpdateSample;
  }

  async create(input: CreateBulkUpdateInput): Promise<BulkUpdate> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_BULK_UPDATE_MUTATION, variables: { input } }))).createBulkUpdate;
  }

  /** Held for approval (APPROVAL_PENDING) when a flow is enabled for grm.bulkUpdates.apply. */
  async apply(id: string): Promise<BulkUpdate> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: APPLY_BULK_UPDATE_MUTATION, variables: { id } }))).applyBulkUpdate;
  }
}
