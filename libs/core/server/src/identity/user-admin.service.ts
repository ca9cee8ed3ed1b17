import { Injectable } from '@nestjs/common';
import { likeContains } from '../database/like-pattern';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import { AREA_SCOPE_PROVIDER, type AreaScopeProvider } from '../access/area-scope';
import { RequestContext } from '../context/request-context';
import { conflict, invalidField, notFound } from '../graphql/app-error';
import { type ConnectionShape, paginate, SortDirection, sortOptions } from '../graphql/connection';
import { AuthService } from './auth.service';
import { type CreateUserInput, type ResetPasswordInput, type SaveRoleInput, type SetUsersActiveInput, type UpdateUserInput, type UsersArgs, UserSortField } from './dto/identity.inputs';
import { Role } from './entities/role.entity';
import { User } from './entities/user.entity';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';

/** The sort keys of each order of the users list; the cursor holds their values (timestamps to the millisecond, as JavaScript keeps them). */
const USER_SORT_KEYS: Record<UserSortField, { expression: string; value: (u: User) => unknown }> = {
  [UserSortField.USERNAME]: { expression: 'lower(u.username)', value: (u) => u.username.toLowerCase() },
  [UserSortField.DISPLAY_NAME]: { expression: 'lower(u.display_name)', value: (u) => u.displayName.toLowerCase() },
  [UserSortField.CREATED_AT]: { expression: "date_trunc('milliseconds', u.created_at)", value: (u) => u.createdAt.toISOString() },
};

@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly moduleRef: ModuleRef,
  ) {}

  list(args: UsersArgs): Promise<ConnectionShape<User>> {
    const query = this.dataSource.getRepository(User).createQueryBuilder('u');
    const search = args.search?.trim().toLowerCase();
    if (search) query.where(`(lower(u.username) LIKE :s OR lower(u.display_name) LIKE :s)`, { s: likeContains(search) });
    const order = args.orderBy ?? { field: UserSortField.USERNAME, direction: SortDirection.ASC };
    return paginate(query, args, [USER_SORT_KEYS[order.field]], sortOptions(order));
  }

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  rolesByIds(ids: readonly string[]): Promise<Role[]> {
    return ids.length ? this.dataSource.getRepository(Role).createQueryBuilder('r').where('r.id = ANY(:ids)', { ids }).getMany() : Promise.resolve([]);
  }

  async create(input: CreateUserInput): Promise<User> {
    await this.checkRoles(input.roleIds);
    await this.checkAreas(input.areaIds ?? null);
    const passwordHash = await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (em) => {
      const user = em.create(User, {
        username: input.username.trim(),
        displayName: input.displayName.trim(),
        email: input.email?.trim() || null,
        passwordHash,
        mustChangePassword: true,
        roleIds: [...new Set(input.roleIds)],
        areaIds: input.areaIds ? [...new Set(input.areaIds)] : null,
      });
      await this.save(em, user);
      return user;
    });
  }

  async update(input: UpdateUserInput): Promise<User> {
    if (input.roleIds) await this.checkRoles(input.roleIds);
    if (input.areaIds) await this.checkAreas(input.areaIds);
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('core.identity.errors.userNotFound');
      if (input.displayName !== undefined) user.displayName = input.displayName.trim();
      if (input.email !== undefined) user.email = input.email?.trim() || null;
      if (input.isActive !== undefined) {
        if (!input.isActive && user.id === RequestContext.actor()?.userId) throw invalidField('isActive', 'core.identity.errors.cannotDisableSelf');
        user.isActive = input.isActive;
      }
      if (input.roleIds) user.roleIds = [...new Set(input.roleIds)];
      if (input.unrestricted) user.areaIds = null;
      else if (input.areaIds) user.areaIds = [...new Set(input.areaIds)];
      await this.save(em, user);
      if (input.isActive === false) await this.sessions.revokeAll(user.id, 'account_disabled');
      return user;
    });
  }

  /** Switches several accounts on or off in one transaction (each change audited); disabled accounts lose their sessions. */
  async setActive(input: SetUsersActiveInput): Promise<{ changed: number; unchanged: number }> {
    if (!input.active && input.ids.includes(RequestContext.actor()?.userId ?? '')) throw invalidField('ids', 'core.identity.errors.cannotDisableSelf');
    const changed = await this.dataSource.transaction(async (em) => {
      const users = await em.find(User, { where: { id: In(input.ids) }, lock: { mode: 'pessimistic_write' }, order: { id: 'ASC' } });
      if (users.length !== input.ids.length) throw invalidField('ids', 'core.identity.errors.usersNotFound', { count: input.ids.length - users.length });
      const switching = users.filter((user) => user.isActive !== input.active);
      for (const user of switching) {
        user.isActive = input.active;
        await em.save(user);
      }
      return switching;
    });
    if (!input.active) for (const user of changed) await this.sessions.revokeAll(user.id, 'account_disabled');
    return { changed: changed.length, unchanged: input.ids.length - changed.length };
  }

  async resetPassword(input: ResetPasswordInput): Promise<User> {
    const user = await this.findById(input.userId);
    if (!user) throw notFound('core.identity.errors.userNotFound');
    const hash = await this.passwords.hash(input.temporaryPassword);
    await this.dataSource.query(
      `UPDATE core."user" SET password_hash = $2, must_change_password = true, failed_attempts = 0, locked_until = NULL, updated_at = now(), version = version + 1 WHERE id = $1`,
      [user.id, hash],
    );
    await this.sessions.revokeAll(user.id, 'password_reset');
    await this.auth.event({ action: 'PASSWORD_RESET', userId: user.id, username: user.username, details: { by: RequestContext.actor()?.username } });
    return (await this.findById(user.id))!;
  }

  async unlock(userId: string): Promise<User> {
    const [, count] = await this.dataSource.query(`UPDATE core."user" SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [userId]);
    if (!count) throw notFound('core.identity.errors.userNotFound');
    const user = (await this.findById(userId))!;
    await this.auth.event({ action: 'ACCOUNT_UNLOCKED', userId, username: user.username, details: { by: RequestContext.actor()?.username } });
    return user;
  }

  async resetTwoFactor(userId: string): Promise<User> {
    const [, count] = await this.dataSource.query(`UPDATE core."user" SET totp_enabled = false, totp_secret = NULL, totp_last_step = NULL WHERE id = $1`, [userId]);
    if (!count) throw notFound('core.identity.errors.userNotFound');
    await this.dataSource.query(`DELETE FROM core.recovery_code WHERE user_id = $1`, [userId]);
    await this.sessions.revokeAll(userId, 'two_factor_reset');
    const user = (await this.findById(userId))!;
    await this.auth.event({ action: 'TWO_FACTOR_RESET', userId, username: user.username, details: { by: RequestContext.actor()?.username } });
    return user;
  }

  roles(): Promise<Role[]> {
    return this.dataSource.getRepository(Role).find({ order: { code: 'ASC' } });
  }

  async saveRole(input: SaveRoleInput, knownPermissions: ReadonlySet<string>): Promise<Role> {
    const unknown = input.permissions.filter((p) => p !== '*' && !knownPermissions.has(p));
    if (unknown.length) throw invalidField('permissions', 'core.identity.errors.unknownPermissions', { codes: unknown.join(', ') });
    return this.dataSource.transaction(async (em) => {
      const role = input.id ? await em.findOne(Role, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } }) : em.create(Role, {});
      if (!role) throw notFound('core.identity.errors.roleNotFound');
      Object.assign(role, { code: input.code, name: input.name.trim(), permissions: [...new Set(input.permissions)].sort(), requireTwoFactor: input.requireTwoFactor });
      try {
        await em.save(role);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('core.identity.errors.duplicateRole', { code: input.code });
        throw error;
      }
      return role;
    });
  }

  private async save(em: EntityManager, user: User): Promise<void> {
    try {
      await em.save(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('core.identity.errors.duplicateUsername', { username: user.username });
      throw error;
    }
  }

  private async checkRoles(ids: string[]): Promise<void> {
    if ((await this.rolesByIds([...new Set(ids)])).length !== new Set(ids).size) throw invalidField('roleIds', 'core.identity.errors.roleNotFound');
  }

  private async checkAreas(ids: string[] | null): Promise<void> {
    if (!ids?.length) return;
    let provider: AreaScopeProvider | undefined;
    try {
      provider = this.moduleRef.get<AreaScopeProvider>(AREA_SCOPE_PROVIDER, { strict: false });
    } catch {
      throw invalidField('areaIds', 'core.identity.errors.noAreasModule');
    }
    const paths = await provider.pathsOf([...new Set(ids)]);
    if (paths.length !== new Set(ids).size) throw invalidField('areaIds', 'core.identity.errors.areaNotFound');
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505';
}
