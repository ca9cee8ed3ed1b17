import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { UserOrder } from '../../data/generated/graphql';
import { resultData } from '../../graphql/result-data';
import {
  AdminUser,
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
  SET_USERS_ACTIVE_MUTATION,
  UPDATE_USER_MUTATION,
  UpdateUserInput,
  USERS_QUERY,
} from './identity-admin.queries';
import { AreaSearchService } from '../../ui/area-picker/area-search.service';
import { AreaOption } from '../../ui/area-picker/area.queries';
import { GRAPHQL } from '../../graphql/graphql-client';

/** Users, roles and permissions, through the API's administration operations. */
@Injectable({ providedIn: 'root' })
export class IdentityAdminService {
  private readonly apollo = inject(GRAPHQL);
  private readonly areaSearch = inject(AreaSearchService);

  async users(search: string | null, first: number, after: string | null, orderBy: UserOrder | null = null): Promise<Connection<AdminUser>> {
    const result = await firstValueFrom(this.apollo.query({ query: USERS_QUERY, variables: { search, first, after, orderBy } }));
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

  /** The users list's bulk action; an approval flow on `core.users.setActive` holds it (the error says so). */
  async setActive(ids: readonly string[], active: boolean): Promise<{ changed: number; unchanged: number }> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SET_USERS_ACTIVE_MUTATION, variables: { input: { ids: [...ids], active } } }))).setUsersActive;
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

  /** The platform's area search (the kit's area picker uses it directly). */
  searchAreas(search: string): Promise<readonly AreaOption[]> {
    return this.areaSearch.search(search);
  }

  /** The areas of a restriction, in the order given; an area that no longer exists is left out. */
  areas(ids: readonly string[]): Promise<readonly AreaOption[]> {
    return this.areaSearch.areas(ids);
  }
}
