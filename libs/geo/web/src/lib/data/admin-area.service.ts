import { inject, Injectable } from '@angular/core';
import { GRAPHQL, resultData } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  ADMIN_AREA_QUERY,
  ADMIN_AREAS_QUERY,
  ADMIN_LEVELS_QUERY,
  AdminArea,
  AdminAreaFilter,
  AdminAreaWithAncestors,
  AdminLevel,
  CREATE_ADMIN_AREA_MUTATION,
  CreateAdminAreaInput,
  DELETE_ADMIN_AREA_MUTATION,
  PageInfo,
  UPDATE_ADMIN_AREA_MUTATION,
  UpdateAdminAreaInput,
} from './admin-area.queries';
import { ADMIN_LEVEL_SETTINGS_QUERY, AdminLevelInput, AdminLevelSetting, SET_ADMIN_LEVELS_MUTATION } from './admin-level.queries';

export const ADMIN_AREA_PAGE_SIZE = 50;

export interface AdminAreaPage {
  readonly areas: readonly AdminArea[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number;
}

/** Reads and edits the administrative geography through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class AdminAreaService {
  private readonly apollo = inject(GRAPHQL);

  async list(filter: AdminAreaFilter, after: string | null = null): Promise<AdminAreaPage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: ADMIN_AREAS_QUERY, variables: { first: ADMIN_AREA_PAGE_SIZE, after, filter } }),
    );
    const connection = resultData(result).adminAreas;
    return {
      areas: connection.edges.map((edge) => edge.node),
      pageInfo: connection.pageInfo,
      totalCount: connection.totalCount,
    };
  }

  async get(id: string): Promise<AdminAreaWithAncestors | null> {
    const { data } = await firstValueFrom(this.apollo.query({ query: ADMIN_AREA_QUERY, variables: { id } }));
    return data?.adminArea ?? null;
  }

  async levels(): Promise<readonly AdminLevel[]> {
    const { data } = await firstValueFrom(this.apollo.query({ query: ADMIN_LEVELS_QUERY }));
    return [...(data?.adminLevels ?? [])].sort((a, b) => a.depth - b.depth);
  }

  /** The levels with their names in every language, for the settings page (never from the cache). */
  async levelSettings(): Promise<readonly AdminLevelSetting[]> {
    const { data } = await firstValueFrom(this.apollo.query({ query: ADMIN_LEVEL_SETTINGS_QUERY, fetchPolicy: 'network-only' }));
    return [...(data?.adminLevels ?? [])].sort((a, b) => a.depth - b.depth);
  }

  async setLevels(levels: AdminLevelInput[]): Promise<readonly AdminLevelSetting[]> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: SET_ADMIN_LEVELS_MUTATION, variables: { input: { levels } } }));
    // every cached area carries its level's name: read them again
    await this.apollo.client.refetchQueries({ include: 'active' });
    return resultData(result).setAdminLevels;
  }

  async create(input: CreateAdminAreaInput): Promise<AdminArea> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: CREATE_ADMIN_AREA_MUTATION, variables: { input } }));
    return resultData(result).createAdminArea;
  }

  async update(input: UpdateAdminAreaInput): Promise<AdminArea> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: UPDATE_ADMIN_AREA_MUTATION, variables: { input } }));
    return resultData(result).updateAdminArea;
  }

  async delete(id: string): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: DELETE_ADMIN_AREA_MUTATION, variables: { id } }));
  }
}
