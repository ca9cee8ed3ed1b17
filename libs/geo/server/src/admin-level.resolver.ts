import { Query, ResolveField, Resolver } from '@nestjs/graphql';
import { localized, RequirePermissions, Translator } from '@coremis/core';
import { AdminLevel } from './entities/admin-level.entity';
import { AdminLevelService } from './admin-level.service';

@Resolver(() => AdminLevel)
export class AdminLevelResolver {
  constructor(private readonly levels: AdminLevelService, private readonly translator: Translator) {}

  @Query(() => [AdminLevel], { description: 'Levels of the hierarchy, root first.' })
  @RequirePermissions('geo.areas.view')
  adminLevels(): Promise<AdminLevel[]> {
    return this.levels.list();
  }

  @ResolveField(() => String)
  name(level: AdminLevel): string {
    return localized({ en: level.nameEn, fr: level.nameFr, pt: level.namePt }, this.translator.currentLanguage());
  }
}
