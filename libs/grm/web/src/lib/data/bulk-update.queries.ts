import { gql } from 'apollo-angular';
import type {
  ApplyBulkUpdateMutation,
  ApplyBulkUpdateMutationVariables,
  BulkUpdateColumnsQuery,
  BulkUpdateColumnsQueryVariables,
  BulkUpdateErrorsQuery,
  BulkUpdateErrorsQueryVariables,
  BulkUpdateFieldsFragment,
  BulkUpdateFieldsQuery,
  BulkUpdateFieldsQueryVariables,
  BulkUpdateQuery,
  BulkUpdateQueryVariables,
  BulkUpdateSampleQuery,
  BulkUpdateSampleQueryVariables,
  CreateBulkUpdateMutation,
  CreateBulkUpdateMutationVariables,
} from './generated/graphql';

export type BulkUpdate = BulkUpdateFieldsFragment;
export type BulkUpdateField = BulkUpdateFieldsQuery['bulkUpdateFields'][number];
export type BulkUpdateErrorPage = BulkUpdateErrorsQuery['bulkUpdateErrors'];
export type BulkUpdateChange = BulkUpdateSampleQuery['bulkUpdateSample'][number];
export type { CreateBulkUpdateInput } from './generated/graphql';

/** The answer of `POST /api/grm/bulk-updates/uploads`. */
export interface BulkUpload {
  id: string;
  name: string;
  format: string;
  size: number;
}

const FIELDS = gql`
  fragment BulkUpdateFields on BulkUpdate {
    id
    status
    recordType
    fileName
    jobId
    failureMessage
    rowCount
    errorCount
    recordCount
    fieldCount
    staleCount
    fieldCounts {
      field
      count
    }
  }
`;

export const BULK_UPDATE_COLUMNS_QUERY = gql<BulkUpdateColumnsQuery, BulkUpdateColumnsQueryVariables>`
  query BulkUpdateColumns($uploadId: ID!) {
    bulkUpdateColumns(uploadId: $uploadId)
  }
`;

export const BULK_UPDATE_FIELDS_QUERY = gql<BulkUpdateFieldsQuery, BulkUpdateFieldsQueryVariables>`
  query BulkUpdateFields($recordType: ChangeRecordType!) {
    bulkUpdateFields(recordType: $recordType) {
      key
      type
      extra
    }
  }
`;

export const BULK_UPDATE_QUERY = gql<BulkUpdateQuery, BulkUpdateQueryVariables>`
  query BulkUpdate($id: ID!) {
    bulkUpdate(id: $id) {
      ...BulkUpdateFields
    }
  }
  ${FIELDS}
`;

export const BULK_UPDATE_ERRORS_QUERY = gql<BulkUpdateErrorsQuery, BulkUpdateErrorsQueryVariables>`
  query BulkUpdateErrors($id: ID!, $first: Int, $offset: Int) {
    bulkUpdateErrors(id: $id, first: $first, offset: $offset) {
      totalCount
      items {
        line
        field
        code
        message
      }
    }
  }
`;

export const BULK_UPDATE_SAMPLE_QUERY = gql<BulkUpdateSampleQuery, BulkUpdateSampleQueryVariables>`
  query BulkUpdateSample($id: ID!) {
    bulkUpdateSample(id: $id, first: 20) {
      line
      recordId
      field
      oldValue
      newValue
    }
  }
`;

export const CREATE_BULK_UPDATE_MUTATION = gql<CreateBulkUpdateMutation, CreateBulkUpdateMutationVariables>`
  mutation CreateBulkUpdate($input: CreateBulkUpdateInput!) {
    createBulkUpdate(input: $input) {
      ...BulkUpdateFields
    }
  }
  ${FIELDS}
`;

export const APPLY_BULK_UPDATE_MUTATION = gql<ApplyBulkUpdateMutation, ApplyBulkUpdateMutationVariables>`
  mutation ApplyBulkUpdate($id: ID!) {
    applyBulkUpdate(id: $id) {
      ...BulkUpdateFields
    }
  }
  ${FIELDS}
`;
