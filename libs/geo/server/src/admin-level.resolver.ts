import { Args, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, forbidden, type GraphqlContext, localized, RequestContext, RequirePermissions, Translator, CacheableQuery } from '@coremis/core';
import { AdminLevel } from './entities/admin-level.entity';
import { AdminLevelService } from './admin-level.service';
import { SetAdminLevelsInput } from './dto/admin-level.inputs';

@Resolver(() => AdminLevel)
export class AdminLevelResolver {
  constructor(private readonly levels: AdminLevelService, private readonly translator: Translator) {}

  @Query(() => [AdminLevel], { description: 'Levels of the hierarchy, root first.' })
  @RequirePermissions('geo.areas.view')
  @CacheableQuery()
  adminLevels(): Promise<AdminLevel[]> {
    return this.levels.list();
  }

  @Mutation(() => [AdminLevel], { description: "Names the deployment's levels, root first, and sets the hierarchy's depth; refused below the depth of existing areas." })
  @RequirePermissions('geo.levels.manage')
  @ApprovableOperation('geo.levels.set')
  setAdminLevels(@Args('input') input: SetAdminLevelsInput): Promise<AdminLevel[]> {
    // the levels shape the whole tree: only users without a geographic restriction may change them
    if (RequestContext.actor()?.areaPaths) throw forbidden('geo.errors.levelsNeedFullScope');
    return this.levels.setLevels(input);
  }

  @ResolveField(() => String)
  name(level: AdminLevel): string {
    return localized({ en: level.nameEn, fr: level.nameFr, pt: level.namePt }, this.translator.currentLanguage());
  }

  @ResolveField(() => Int, { description: 'Areas at this level (a level with areas cannot be removed).' })
  areaCount(level: AdminLevel, _args: unknown, ctx: GraphqlContext): Promise<number> {
    return ctx.loaders
      .get<string, number>('geo.levelAreaCount', async (ids) => {
        const counts = await this.levels.areaCounts(ids);
        return ids.map((id) => counts.get(id) ?? 0);
      })
      .load(level.id);
  }
}
