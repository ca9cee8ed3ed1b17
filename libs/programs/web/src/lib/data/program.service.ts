import { inject, Injectable } from '@angular/core';
import { GRAPHQL, type ListPage, resultData, toListPage } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  ACTIVATE_PROGRAM_MUTATION,
  BeneficiaryRow,
  BeneficiaryStatus,
  CLOSE_PROGRAM_MUTATION,
  HOUSEHOLD_PROGRAMMES_QUERY,
  type HouseholdProgramme,
  Program,
  PROGRAM_BENEFICIARIES_QUERY,
  PROGRAM_QUERY,
  ProgramFilter,
  PROGRAMS_LIST_QUERY,
} from './program.queries';

export const PROGRAMS_PAGE_SIZE = 50;

/** The programs of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class ProgramService {
  private readonly apollo = inject(GRAPHQL);

  /** The programmes of a household and of its members, newest status first, with their status history. */
  async householdProgrammes(householdId: string): Promise<readonly HouseholdProgramme[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: HOUSEHOLD_PROGRAMMES_QUERY, variables: { householdId }, fetchPolicy: 'no-cache' }))).householdBeneficiaries;
  }

  async list(filter: ProgramFilter, after: string | null = null): Promise<ListPage<Program>> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PROGRAMS_LIST_QUERY, variables: { first: PROGRAMS_PAGE_SIZE, after, filter } }),
    );
    return toListPage(resultData(result).programs);
  }

  /** Null when it does not exist or lies outside the caller's areas. */
  async program(id: string): Promise<Program | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PROGRAM_QUERY, variables: { id }, fetchPolicy: 'network-only' }))).program ?? null;
  }

  async beneficiaries(programId: string, filter: { search?: string; statuses?: BeneficiaryStatus[] }, after: string | null): Promise<ListPage<BeneficiaryRow>> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PROGRAM_BENEFICIARIES_QUERY, variables: { programId, first: PROGRAMS_PAGE_SIZE, after, filter }, fetchPolicy: 'network-only' }),
    );
    return toListPage(resultData(result).beneficiaries);
  }

  /** DRAFT → ACTIVE; an approval flow on `programs.programs.activate` holds it (the error says so). */
  async activate(program: Program): Promise<Program> {
    const input = { id: program.id, version: program.version };
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: ACTIVATE_PROGRAM_MUTATION, variables: { input } }))).activateProgram;
  }

  /** ACTIVE → CLOSED; approvable as `programs.programs.close`. */
  async close(program: Program): Promise<Program> {
    const input = { id: program.id, version: program.version };
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CLOSE_PROGRAM_MUTATION, variables: { input } }))).closeProgram;
  }
}
