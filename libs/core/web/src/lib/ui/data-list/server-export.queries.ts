import { gql } from 'apollo-angular';
import type { ExportJobQuery, ExportJobQueryVariables, StartExportMutation, StartExportMutationVariables } from '../../data/generated/graphql';

export const START_EXPORT_MUTATION = gql<StartExportMutation, StartExportMutationVariables>`
  mutation StartExport($input: StartExportInput!) {
    startExport(input: $input) {
      id
      status
      progress
    }
  }
`;

export const EXPORT_JOB_QUERY = gql<ExportJobQuery, ExportJobQueryVariables>`
  query ExportJob($id: ID!) {
    job(id: $id) {
      id
      status
      progress
      result
      errorMessage
    }
  }
`;
