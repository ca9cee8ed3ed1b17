import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { PublicOperation } from '../access/require-permissions.decorator';
import { ENABLED_MODULE_DEFINITIONS } from '../config/config.tokens';
import type { CoreMisModuleDefinition } from '../modules/module-definition';
import { EnabledModule } from './enabled-module.model';

@Resolver()
export class PlatformResolver {
  constructor(@Inject(ENABLED_MODULE_DEFINITIONS) private readonly modules: CoreMisModuleDefinition[]) {}

  @Query(() => [EnabledModule], { description: 'Modules of this deployment, in dependency order, with their menu entries.' })
  @PublicOperation()
  enabledModules(): EnabledModule[] {
    return this.modules.map((m) => ({ key: m.key, dependsOn: [...m.dependsOn], menu: m.menu.map((e) => ({ ...e })) }));
  }
}
