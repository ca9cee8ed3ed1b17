import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AREA_SCOPE_PROVIDER, type AreaScopeProvider } from '../access/area-scope';
import type { Actor } from '../context/request-context';
import { Role } from './entities/role.entity';
import type { User } from './entities/user.entity';

export interface ActorWithFlags extends Actor {
  mustChangePassword: boolean;
}

/** Builds the request's actor from a user: role codes, their permissions, area restriction paths. */
@Injectable()
export class ActorService {
  private readonly logger = new Logger(ActorService.name);
  private scopeProvider?: AreaScopeProvider | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly moduleRef: ModuleRef) {}

  async forUser(user: User, sessionId: string | null): Promise<ActorWithFlags> {
    const roles = user.roleIds.length ? await this.dataSource.getRepository(Role).createQueryBuilder('r').where('r.id = ANY(:ids)', { ids: user.roleIds }).getMany() : [];
    return {
      userId: user.id,
      username: user.username,
      sessionId,
      roles: roles.map((r) => r.code),
      permissions: new Set(roles.flatMap((r) => r.permissions)),
      areaPaths: user.areaIds ? await this.pathsOf(user.areaIds) : null,
      mustChangePassword: user.mustChangePassword,
    };
  }

  private async pathsOf(areaIds: string[]): Promise<string[]> {
    if (this.scopeProvider === undefined) {
      try {
        this.scopeProvider = this.moduleRef.get<AreaScopeProvider>(AREA_SCOPE_PROVIDER, { strict: false });
      } catch {
        this.logger.warn('users have area restrictions but no module provides areas: they will see no area-bound data');
        this.scopeProvider = null;
      }
    }
    return this.scopeProvider && areaIds.length ? this.scopeProvider.pathsOf(areaIds) : [];
  }
}
