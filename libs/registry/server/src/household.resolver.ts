import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AdminArea, AdminAreaService } from '@coremis/geo';
import { ApprovableOperation, AuditEntryConnection, AuditService, ConnectionArgs, type GraphqlContext, groupByKeys, loaderName, RequirePermissions, summaryColumns, UuidPipe, CacheableQuery } from '@coremis/core';
import { CreateHouseholdInput, HouseholdsArgs, UpdateHouseholdInput } from './dto/household.inputs';
import { HouseholdConnection } from './dto/registry.models';
import { Household, HOUSEHOLD_SUMMARY } from './entities/household.entity';
import { Individual, INDIVIDUAL_SUMMARY } from './entities/individual.entity';
import { Membership } from './entities/membership.entity';
import { HouseholdService } from './household.service';
import { IndividualService } from './individual.service';
import { Relationship } from './registry-vocabulary';

@Resolver(() => Household)
export class HouseholdResolver {
  constructor(
    private readonly householdService: HouseholdService,
    private readonly individuals: IndividualService,
    private readonly areas: AdminAreaService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => HouseholdConnection, { description: 'Households in the caller’s areas, by code.' })
  @RequirePermissions('registry.view')
  @CacheableQuery()
  households(@Args() args: HouseholdsArgs, @Info() info: GraphQLResolveInfo): Promise<HouseholdConnection> {
    return this.householdService.list(args, summaryColumns(info, HOUSEHOLD_SUMMARY, ['edges', 'node'])) as Promise<HouseholdConnection>;
  }

  @Query(() => Household, { nullable: true })
  @RequirePermissions('registry.view')
  @CacheableQuery()
  household(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Household | null> {
    return this.householdService.findById(id);
  }

  @Mutation(() => Household, { description: 'Registers a household with its roster (exactly one HEAD).' })
  @RequirePermissions('registry.create')
  @ApprovableOperation('registry.households.create')
  createHousehold(@Args('input') input: CreateHouseholdInput): Promise<Household> {
    return this.householdService.create(input);
  }

  @Mutation(() => Household)
  @RequirePermissions('registry.edit')
  @ApprovableOperation('registry.households.update')
  updateHousehold(@Args('input') input: UpdateHouseholdInput): Promise<Household> {
    return this.householdService.update(input);
  }

  @ResolveField(() => AdminArea)
  area(household: Household, _args: unknown, ctx: GraphqlContext): Promise<AdminArea | null> {
    return this.areas.loadWithAncestors(ctx, household.areaId, household.areaPath);
  }

  @ResolveField(() => [Individual], { description: 'Current members, head first.' })
  members(household: Household, _args: unknown, ctx: GraphqlContext, info: GraphQLResolveInfo): Promise<Individual[]> {
    return this.membersLoader(ctx, summaryColumns(info, INDIVIDUAL_SUMMARY)).load(household.id);
  }

  @ResolveField(() => Individual, { nullable: true })
  async head(household: Household, _args: unknown, ctx: GraphqlContext, info: GraphQLResolveInfo): Promise<Individual | null> {
    const members = await this.membersLoader(ctx, summaryColumns(info, INDIVIDUAL_SUMMARY)).load(household.id);
    return members.find((m) => m.relationship === Relationship.HEAD) ?? null;
  }

  @ResolveField(() => Int)
  async memberCount(household: Household, _args: unknown, ctx: GraphqlContext): Promise<number> {
    return (await this.membersLoader(ctx, INDIVIDUAL_SUMMARY.columns).load(household.id)).length;
  }

  @ResolveField(() => [Membership], { description: 'Every membership period, past and current, oldest first.' })
  memberships(household: Household, _args: unknown, ctx: GraphqlContext): Promise<Membership[]> {
    return ctx.loaders.get<string, Membership[]>('registry.membershipsByHousehold', async (ids) => groupByKeys(ids, await this.individuals.membershipsOf(ids), (m) => m.householdId)).load(household.id);
  }

  @ResolveField(() => AuditEntryConnection, { description: 'Audit trail of the household and of its members while they belonged to it, newest first.' })
  async history(@Parent() household: Household, @Args() args: ConnectionArgs): Promise<AuditEntryConnection> {
    // a member's changes show only while they belonged to this household (not before they joined, nor after they left)
    const periods = await this.individuals.membershipsOf([household.id]);
    // a household created by an import also shows the import's entry (its entity id is the import job)
    const entityIds = household.importJobId ? [household.id, household.importJobId] : [household.id];
    return this.audit.search({ recordsCheckedByCaller: true, entityIds, entityPeriods: periods.map((p) => ({ entityId: p.individualId, from: p.startedAt, to: p.endedAt })) }, args) as unknown as Promise<AuditEntryConnection>;
  }

  private membersLoader(ctx: GraphqlContext, columns: readonly string[] | undefined) {
    return ctx.loaders.get<string, Individual[]>(loaderName('registry.membersByHousehold', columns), async (ids) => groupByKeys(ids, await this.individuals.membersOf(ids, columns), (i) => i.householdId!));
  }
}
