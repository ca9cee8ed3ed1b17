import { inject, Injectable } from '@angular/core';
import { GRAPHQL, resultData } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  CRITERIA_SOURCE_QUERY,
  type CriteriaGroupInput,
  type CriteriaSource,
  FORMULA_PREVIEW_QUERY,
  FORMULA_PROGRAMS_QUERY,
  FORMULA_VARIABLES_QUERY,
  PROGRAM_FORMULAS_QUERY,
  type ProgramFormula,
  type FormulaKind,
  type FormulaPreview,
  type FormulaProgram,
  type FormulaValidation,
  type FormulaVariable,
  SAVE_FORMULA_MUTATION,
  VALIDATE_FORMULA_QUERY,
} from './formula.queries';

/** Formulas through the CoreMIS API: validation as the user types, variables, preview and saving. */
@Injectable({ providedIn: 'root' })
export class FormulaService {
  private readonly apollo = inject(GRAPHQL);

  async programs(): Promise<readonly FormulaProgram[]> {
    const result = await firstValueFrom(this.apollo.query({ query: FORMULA_PROGRAMS_QUERY }));
    return resultData(result).programs.edges.map((edge) => edge.node);
  }

  async variables(): Promise<readonly FormulaVariable[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: FORMULA_VARIABLES_QUERY }))).formulaVariables;
  }

  /** The criteria builder's groups written as CEL by the server's one criteria compiler. */
  async criteriaSource(groups: CriteriaGroupInput[]): Promise<CriteriaSource> {
    const result = await firstValueFrom(this.apollo.query({ query: CRITERIA_SOURCE_QUERY, variables: { input: { groups } }, fetchPolicy: 'no-cache' }));
    return resultData(result).criteriaSource;
  }

  async validate(source: string, kind: FormulaKind, programId: string | null = null): Promise<FormulaValidation> {
    const result = await firstValueFrom(this.apollo.query({ query: VALIDATE_FORMULA_QUERY, variables: { input: { source, kind, programId } }, fetchPolicy: 'no-cache' }));
    return resultData(result).validateFormula;
  }

  async preview(programId: string, source: string, kind: FormulaKind): Promise<FormulaPreview> {
    const result = await firstValueFrom(
      this.apollo.query({ query: FORMULA_PREVIEW_QUERY, variables: { input: { programId, source, kind, buckets: 20, sampleSize: 10 } }, fetchPolicy: 'no-cache' }),
    );
    return resultData(result).previewFormula;
  }

  /** The programme's formulas, to open one in the editor. */
  async ofProgram(programId: string): Promise<readonly ProgramFormula[]> {
    const result = await firstValueFrom(this.apollo.query({ query: PROGRAM_FORMULAS_QUERY, variables: { programId }, fetchPolicy: 'no-cache' }));
    return resultData(result).formulas.edges.map((edge) => edge.node);
  }

  async save(input: {
    id?: string | null;
    version?: number | null;
    programId: string;
    code: string;
    name: string;
    source: string;
    kind: FormulaKind;
    criteria?: CriteriaGroupInput[] | null;
  }): Promise<{ id: string; currentVersion: number; version: number }> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: SAVE_FORMULA_MUTATION, variables: { input } }));
    return resultData(result).saveFormula;
  }
}
