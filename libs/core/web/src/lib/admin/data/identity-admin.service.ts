import { inject, Injectable } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { resultData } from '../../graphql/result-data';
import { LanguageService } from '../../i18n/language.service';
import {
  AdminUser,
  AREA_QUERY,
  AREA_SEARCH_QUERY,
  AreaOption,
  Connection,
  CREATE_USER_MUTATION,
  CreateUserInput,
  PermissionInfo,
  PERMISSIONS_QUERY,
  RESET_USER_PASSWORD_MUTATION,
  RESET_USER_TWO_FACTOR_MUTATION,
  Role,
  ROLES_QUERY,
  SAVE_ROLE_MUTATION,
  SaveRoleInput,
  UNLOCK_USER_MUTATION,
  UPDATE_USER_MUTATION,
  UpdateUserInput,
  USERS_QUERY,
} from './identity-admin.queries';

const AREA_SEARCH_SIZE = 20;

/** Users, roles and permissions, through the API's administration operations. */
@Injectable({ providedIn: 'root' })
export class IdentityAdminService {
  private readonly apollo = inject(Apollo);
  private readonly language = inject(LanguageService);
  /** Area names by id and language: restrictions name the same few areas over and over. */
  private readonly areaCache = new Map<string, Promise<AreaOption | null>>();

  async users(search: string | null, first: number, after: string | null): Promise<Connection<AdminUser>> {
    const result = await firstValueFrom(this.apollo.query({ query: USERS_QUERY, variables: { search, first, after } }));
    return resultData(result).users;
  }

  async createUser(input: CreateUserInput): Promise<AdminUser> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_USER_MUTATION, variables: { input } }))).createUser;
  }

  async updateUser(input: UpdateUserInput): Promise<AdminUser> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: UPDATE_USER_MUTATION, variables: { input } }))).updateUser;
  }

  async resetPassword(userId: string, temporaryPassword: string): Promise<AdminUser> {
    const result = await firstValueFrom(
      this.apollo.mutate({ mutation: RESET_USER_PASSWORD_MUTATION, variables: { input: { userId, temporaryPassword } } }),
    );
    return resultData(result).resetUserPassword;
  }

  async unlock(id: string): Promise<AdminUser> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: UNLOCK_USER_MUTATION, variables: { id } }))).unlockUser;
  }

  async resetTwoFactor(id: string): Promise<AdminUser> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: RESET_USER_TWO_FACTOR_MUTATION, variables: { id } }));
    return resultData(result).resetUserTwoFactor;
  }

  async roles(): Promise<readonly Role[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: ROLES_QUERY }))).roles;
  }

  async permissions(): Promise<readonly PermissionInfo[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PERMISSIONS_QUERY }))).permissions;
  }

  async saveRole(input: SaveRoleInput): Promise<Role> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SAVE_ROLE_MUTATION, variables: { input } }))).saveRole;
  }

  async searchAreas(search: string): Promise<readonly AreaOption[]> {
    const result = await firstValueFrom(
      this.apollo.query({ query: AREA_SEARCH_QUERY, variables: { search, first: AREA_SEARCH_SIZE } }),
    );
    return resultData(result).adminAreas.edges.map((edge) => edge.node);
  }

  /** The areas of a restriction, in the order given; an area that no longer exists is left out. */
  async areas(ids: readonly string[]): Promise<readonly AreaOption[]> {
    const found = await Promise.all(ids.map((id) => this.area(id)));
    return found.filter((area): area is AreaOption => area !== null);
  }

  private area(id: string): Promise<AreaOption | null> {
    const key = `${this.language.current()}|${id}`;
    let pending = this.areaCache.get(key);
    if (!pending) {
      // one operation per area: the API authenticates one root field per request
      pending = firstValueFrom(this.apollo.query({ query: AREA_QUERY, variables: { id } }))
        .then((result) => result.data?.adminArea ?? null)
        .catch((error: unknown) => {
          this.areaCache.delete(key);
          throw error;
        });
      this.areaCache.set(key, pending);
    }
    return pending;
  }
}
