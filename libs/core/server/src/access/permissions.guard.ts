import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { forbidden } from '../graphql/app-error';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';
import { PUBLIC_OPERATION, REQUIRED_PERMISSIONS } from './require-permissions.decorator';

/**
 * Global guard for GraphQL operations. An operation without a declared permission is refused:
 * forgetting the declaration fails closed, never open.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly logger = new Logger(PermissionsGuard.name);

  constructor(private readonly reflector: Reflector, @Inject(ACCESS_POLICY) private readonly policy: AccessPolicy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ parentType: { name: string }; fieldName: string }>();
    // only root operations are guarded; field resolvers inherit their parent's check
    if (!['Query', 'Mutation', 'Subscription'].includes(info.parentType.name)) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, targets)) return true;
    const permissions = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets);
    const operation = `${info.parentType.name}.${info.fieldName}`;
    if (!permissions?.length) {
      this.logger.error(`${operation} declares no permission; refusing`);
      throw forbidden('core.errors.forbidden');
    }
    const user = gql.getContext<{ req?: { user?: unknown } }>().req?.user;
    if (!(await this.policy.allows({ user, permissions, operation }))) throw forbidden('core.errors.forbidden');
    return true;
  }
}
