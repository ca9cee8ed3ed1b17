import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequirePermissions } from '../access/require-permissions.decorator';
import { ApprovableOperation } from '../approvals/approvable-operation.decorator';
import { ENABLED_MODULE_DEFINITIONS } from '../config/config.tokens';
import { type GraphqlContext, indexByKeys } from '../graphql/request-loaders';
import { UuidPipe } from '../graphql/uuid.pipe';
import { Translator } from '../i18n/translator';
import type { CoreMisModuleDefinition } from '../modules/module-definition';
import { CreateUserInput, ResetPasswordInput, SaveRoleInput, SetUsersActiveInput, UpdateUserInput, UsersArgs } from './dto/identity.inputs';
import { PermissionInfo, SetUsersActiveResult, UserConnection } from './dto/identity.models';
import { Role } from './entities/role.entity';
import { User } from './entities/user.entity';
import { UserAdminService } from './user-admin.service';

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly admin: UserAdminService,
    private readonly translator: Translator,
    @Inject(ENABLED_MODULE_DEFINITIONS) private readonly modules: CoreMisModuleDefinition[],
  ) {}

  @Query(() => UserConnection)
  @RequirePermissions('core.users.view')
  users(@Args() args: UsersArgs): Promise<UserConnection> {
    return this.admin.list(args) as Promise<UserConnection>;
  }

  @Query(() => User, { nullable: true })
  @RequirePermissions('core.users.view')
  user(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<User | null> {
    return this.admin.findById(id);
  }

  // createUser and resetUserPassword carry passwords, which must never be stored in a pending
  // operation: they are not approvable.
  @Mutation(() => User)
  @RequirePermissions('core.users.manage')
  createUser(@Args('input') input: CreateUserInput): Promise<User> {
    return this.admin.create(input);
  }

  @Mutation(() => User)
  @RequirePermissions('core.users.manage')
  @ApprovableOperation('core.users.update')
  updateUser(@Args('input') input: UpdateUserInput): Promise<User> {
    return this.admin.update(input);
  }

  @Mutation(() => SetUsersActiveResult, { description: 'Switches several accounts on or off (the users list’s bulk action); disabled accounts lose their sessions.' })
  @RequirePermissions('core.users.manage')
  @ApprovableOperation('core.users.setActive')
  setUsersActive(@Args('input') input: SetUsersActiveInput): Promise<SetUsersActiveResult> {
    return this.admin.setActive(input);
  }

  @Mutation(() => User, { description: 'Sets a temporary password, ends the user’s sessions; they must change it at next login.' })
  @RequirePermissions('core.users.manage')
  resetUserPassword(@Args('input') input: ResetPasswordInput): Promise<User> {
    return this.admin.resetPassword(input);
  }

  @Mutation(() => User)
  @RequirePermissions('core.users.manage')
  @ApprovableOperation('core.users.unlock')
  unlockUser(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<User> {
    return this.admin.unlock(id);
  }

  @Mutation(() => User, { description: 'Removes the user’s authenticator app (lost phone); they enrol again.' })
  @RequirePermissions('core.users.manage')
  @ApprovableOperation('core.users.resetTwoFactor')
  resetUserTwoFactor(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<User> {
    return this.admin.resetTwoFactor(id);
  }

  @Query(() => [Role])
  @RequirePermissions('core.users.view')
  roles(): Promise<Role[]> {
    return this.admin.roles();
  }

  @Query(() => [PermissionInfo], { description: 'Every permission the enabled modules declare.' })
  @RequirePermissions('core.users.view')
  permissions(): PermissionInfo[] {
    const lang = this.translator.currentLanguage();
    return this.modules.flatMap((m) => m.permissions.map((p) => ({ code: p.code, module: m.key, label: this.translator.translate(p.labelKey, lang) })));
  }

  @Mutation(() => Role)
  @RequirePermissions('core.roles.manage')
  @ApprovableOperation('core.roles.save')
  saveRole(@Args('input') input: SaveRoleInput): Promise<Role> {
    return this.admin.saveRole(input, new Set(this.modules.flatMap((m) => m.permissions.map((p) => p.code))));
  }

  // (parent, args, context) without parameter decorators: GraphQL calls the method directly
  @ResolveField('roles', () => [Role])
  userRoles(user: User, _args: unknown, ctx: GraphqlContext): Promise<Role[]> {
    return ctx.loaders
      .get<string, Role | null>('core.roleById', async (ids) => indexByKeys(ids, await this.admin.rolesByIds(ids), (r) => r.id))
      .loadMany(user.roleIds)
      .then((roles) => roles.filter((r): r is Role => r instanceof Role));
  }
}
