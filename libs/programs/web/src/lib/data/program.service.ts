import { inject, Injectable } from '@angular/core';
import { type ListPage, resultData, toListPage } from '@coremis/core-web';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Program, ProgramFilter, PROGRAMS_LIST_QUERY } from './program.queries';

export const PROGRAMS_PAGE_SIZE = 50;

/** The programs of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class ProgramService {
  private readonly apollo = inject(Apollo);

  async list(filter: ProgramFilter, after: string | null = null): Promise<ListPage<Program>> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PROGRAMS_LIST_QUERY, variables: { first: PROGRAMS_PAGE_SIZE, after, filter } }),
    );
    return toListPage(resultData(result).programs);
  }
}
