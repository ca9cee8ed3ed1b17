import { Args, Context, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, forbidden, type GraphqlContext, indexByKeys, invalidField, Job, JobService, localized, RequestContext, RequirePermissions, Translator, UuidPipe, CacheableQuery } from '@coremis/core';
import { AdminArea } from './entities/admin-area.entity';
import { AdminAreaService } from './admin-area.service';
import { AdminLevel } from './entities/admin-level.entity';
import { AdminLevelService } from './admin-level.service';
import { AdminAreasArgs, CreateAdminAreaInput, ImportAdminAreasInput, UpdateAdminAreaInput } from './dto/admin-area.inputs';
import { AdminAreaConnection } from './dto/admin-area.models';
import { ADMIN_AREA_IMPORT_QUEUE, type AdminAreaImportPayload } from './import/admin-area-import.processor';
import { AreaImportUploadService } from './import/area-import-upload.service';

@Resolver(() => AdminArea)
export class AdminAreaResolver {
  constructor(
    private readonly areas: AdminAreaService,
    private readonly levels: AdminLevelService,
    private readonly jobs: JobService,
    private readonly translator: Translator,
    private readonly uploads: AreaImportUploadService,
  ) {}

  @Query(() => AdminAreaConnection)
  @RequirePermissions('geo.areas.view')
  @CacheableQuery()
  async adminAreas(@Args() args: AdminAreasArgs, @Context() ctx: GraphqlContext): Promise<AdminAreaConnection> {
    const page = await this.areas.list(args);
    // the rows are already within the caller's scope: a parent on the same page needs no query
    const loader = this.areaLoader(ctx);
    for (const edge of page.edges) loader.prime(edge.node.id, edge.node);
    return page as AdminAreaConnection;
  }

  @Query(() => AdminArea, { nullable: true })
  @RequirePermissions('geo.areas.view')
  @CacheableQuery()
  adminArea(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<AdminArea | null> {
    return this.areas.findById(id);
  }

  @Mutation(() => AdminArea)
  @RequirePermissions('geo.areas.manage')
  @ApprovableOperation('geo.areas.create')
  createAdminArea(@Args('input') input: CreateAdminAreaInput): Promise<AdminArea> {
    return this.areas.create(input);
  }

  @Mutation(() => AdminArea)
  @RequirePermissions('geo.areas.manage')
  @ApprovableOperation('geo.areas.update')
  updateAdminArea(@Args('input') input: UpdateAdminAreaInput): Promise<AdminArea> {
    return this.areas.update(input);
  }

  @Mutation(() => Boolean)
  @RequirePermissions('geo.areas.manage')
  @ApprovableOperation('geo.areas.delete')
  deleteAdminArea(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<boolean> {
    return this.areas.delete(id);
  }

  @Mutation(() => Job, { description: 'Validates and imports a whole hierarchy from CSV in the background: all rows or none.' })
  @RequirePermissions('geo.areas.import')
  @ApprovableOperation('geo.areas.import', { requiresApproval: (args) => !(args.input as ImportAdminAreasInput).validateOnly })
  async importAdminAreas(@Args('input') input: ImportAdminAreasInput): Promise<Job> {
    const actor = RequestContext.actor();
    // an import may touch any part of the tree: only users without a geographic restriction may run one
    if (actor?.areaPaths) throw forbidden('geo.errors.importNeedsFullScope');
    const upload = await this.uploads.get(input.uploadId);
    if (!upload) throw invalidField('uploadId', 'geo.import.uploadNotFound');
    const payload: AdminAreaImportPayload = { uploadId: upload.id, fileName: upload.name, validateOnly: Boolean(input.validateOnly) };
    return this.jobs.enqueue(ADMIN_AREA_IMPORT_QUEUE, 'import', payload as unknown as Record<string, unknown>, { createdBy: actor?.userId ?? null });
  }

  // Field resolvers take GraphQL's own (parent, args, context) and no parameter decorators: Nest then
  // hands the method to GraphQL as it is, without running pipes and a chain of promises on every
  // field of every row. Permissions and scope are checked by the root operation that loaded the rows.
  @ResolveField(() => String, { description: 'Name in the language of the request, English when missing.' })
  name(area: AdminArea): string {
    return localized({ en: area.nameEn, fr: area.nameFr, pt: area.namePt }, this.translator.currentLanguage());
  }

  @ResolveField(() => AdminLevel)
  level(area: AdminArea, _args: unknown, ctx: GraphqlContext): Promise<AdminLevel> {
    return ctx.loaders
      .get<string, AdminLevel>('geo.levelById', async (ids) => indexByKeys(ids, await this.levels.findByIds(ids), (l) => l.id) as AdminLevel[])
      .load(area.levelId);
  }

  @ResolveField(() => AdminArea, { nullable: true })
  parent(area: AdminArea, _args: unknown, ctx: GraphqlContext): Promise<AdminArea | null> {
    return area.parentId ? this.areaLoader(ctx).load(area.parentId) : Promise.resolve(null);
  }

  @ResolveField(() => [AdminArea], { description: 'From the root down to the parent.' })
  async ancestors(area: AdminArea, _args: unknown, ctx: GraphqlContext): Promise<AdminArea[]> {
    const found = await this.areaLoader(ctx).loadMany(area.ancestorIds());
    return found.filter((a): a is AdminArea => a instanceof AdminArea);
  }

  @ResolveField(() => [String], {
    description: 'Names from the area upwards, as many as make it unambiguous among the areas of its level ("Colline X", "Commune Y"): a list shows them joined.',
  })
  async shortPath(area: AdminArea, _args: unknown, ctx: GraphqlContext): Promise<string[]> {
    const language = this.translator.currentLanguage();
    const shared = await ctx.loaders
      .get<string, number>(`geo.sharedNameDepth.${language}`, async (ids) => {
        const depths = await this.areas.sharedNameDepths(ids, language);
        return ids.map((id) => depths.get(id) ?? 0);
      })
      .load(area.id);
    const above = shared ? area.ancestorIds().slice(-shared).reverse() : [];
    const ancestors = await this.areaLoader(ctx).loadMany(above);
    // an ancestor outside a restricted caller's areas is left out: they see only within one of them
    return [this.name(area), ...ancestors.filter((a): a is AdminArea => a instanceof AdminArea).map((a) => this.name(a))];
  }

  @ResolveField(() => Int)
  childCount(area: AdminArea, _args: unknown, ctx: GraphqlContext): Promise<number> {
    return ctx.loaders
      .get<string, number>('geo.childCount', async (ids) => {
        const counts = await this.areas.childCounts(ids);
        return ids.map((id) => counts.get(id) ?? 0);
      })
      .load(area.id);
  }

  private areaLoader(ctx: GraphqlContext) {
    return this.areas.byIdLoader(ctx);
  }
}
