import { gql } from 'apollo-angular';
import type {
  CriteriaSourceQuery,
  CriteriaSourceQueryVariables,
  FormulaPreviewQuery,
  FormulaPreviewQueryVariables,
  FormulaProgramsQuery,
  FormulaProgramsQueryVariables,
  ProgramFormulasQuery,
  ProgramFormulasQueryVariables,
  FormulaVariablesQuery,
  FormulaVariablesQueryVariables,
  SaveFormulaMutation,
  SaveFormulaMutationVariables,
  ValidateFormulaQuery,
  ValidateFormulaQueryVariables,
} from './generated/graphql';

export type FormulaValidation = ValidateFormulaQuery['validateFormula'];
export type FormulaPreview = FormulaPreviewQuery['previewFormula'];
export type FormulaVariable = FormulaVariablesQuery['formulaVariables'][number];
export type FormulaProgram = FormulaProgramsQuery['programs']['edges'][number]['node'];
export type { FormulaKind } from './generated/graphql';

export const FORMULA_PROGRAMS_QUERY = gql<FormulaProgramsQuery, FormulaProgramsQueryVariables>`
  query FormulaPrograms {
    programs(first: 100) {
      edges {
        node {
          id
          code
          name {
            en
            fr
            pt
          }
        }
      }
    }
  }
`;

export const FORMULA_VARIABLES_QUERY = gql<FormulaVariablesQuery, FormulaVariablesQueryVariables>`
  query FormulaVariables {
    formulaVariables {
      name
      type
      scope
    }
  }
`;

export const VALIDATE_FORMULA_QUERY = gql<ValidateFormulaQuery, ValidateFormulaQueryVariables>`
  query ValidateFormula($input: ValidateFormulaInput!) {
    validateFormula(input: $input) {
      valid
      type
      problems {
        key
        args
        start
        end
      }
    }
  }
`;

export const FORMULA_PREVIEW_QUERY = gql<FormulaPreviewQuery, FormulaPreviewQueryVariables>`
  query FormulaPreview($input: PreviewFormulaInput!) {
    previewFormula(input: $input) {
      households
      passing
      errors
      histogram {
        from
        to
        count
      }
      sample {
        householdId
        code
        score
        passes
        terms {
          source
          value
        }
      }
    }
  }
`;

export const SAVE_FORMULA_MUTATION = gql<SaveFormulaMutation, SaveFormulaMutationVariables>`
  mutation SaveFormula($input: SaveFormulaInput!) {
    saveFormula(input: $input) {
      id
      code
      currentVersion
      version
    }
  }
`;

export type CriteriaSource = CriteriaSourceQuery['criteriaSource'];
export type { CriteriaConditionInput, CriteriaGroupInput, CriteriaOperator } from './generated/graphql';

export const CRITERIA_SOURCE_QUERY = gql<CriteriaSourceQuery, CriteriaSourceQueryVariables>`
  query CriteriaSource($input: CriteriaSourceInput!) {
    criteriaSource(input: $input) {
      source
      problem {
        key
        group
        condition
      }
    }
  }
`;

export type ProgramFormula = ProgramFormulasQuery['formulas']['edges'][number]['node'];

export const PROGRAM_FORMULAS_QUERY = gql<ProgramFormulasQuery, ProgramFormulasQueryVariables>`
  query ProgramFormulas($programId: ID!) {
    formulas(programId: $programId, first: 100) {
      edges {
        node {
          id
          code
          name
          kind
          source
          criteria
          version
          currentVersion
        }
      }
    }
  }
`;
