import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { resultData } from '../../graphql/result-data';
import { LanguageService } from '../../i18n/language.service';
import { AREA_QUERY, AREA_SEARCH_QUERY, AreaOption } from './area.queries';
import { GRAPHQL } from '../../graphql/graphql-client';

const AREA_SEARCH_SIZE = 20;

/** Areas of the hierarchy for the pickers of every module: searched by code or name, or by id. */
@Injectable({ providedIn: 'root' })
export class AreaSearchService {
  private readonly apollo = inject(GRAPHQL);
  private readonly language = inject(LanguageService);
  private readonly cache = new Map<string, Promise<AreaOption | null>>();

  async search(search: string, first = AREA_SEARCH_SIZE): Promise<readonly AreaOption[]> {
    const result = await firstValueFrom(this.apollo.query({ query: AREA_SEARCH_QUERY, variables: { search, first } }));
    return resultData(result).adminAreas.edges.map((edge) => edge.node);
  }

  /** One area (null when it does not exist or lies outside the user's areas); kept per language. */
  area(id: string): Promise<AreaOption | null> {
    const key = `${this.language.current()}|${id}`;
    let pending = this.cache.get(key);
    if (!pending) {
      // one operation per area: the API authenticates one root field per request
      pending = firstValueFrom(this.apollo.query({ query: AREA_QUERY, variables: { id } }))
        .then((result) => result.data?.adminArea ?? null)
        .catch((error: unknown) => {
          this.cache.delete(key);
          throw error;
        });
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** Several areas, in the order given; one that no longer exists is left out. */
  async areas(ids: readonly string[]): Promise<readonly AreaOption[]> {
    const found = await Promise.all(ids.map((id) => this.area(id)));
    return found.filter((area): area is AreaOption => area !== null);
  }
}
