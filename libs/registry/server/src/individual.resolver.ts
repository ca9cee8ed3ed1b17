import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ApprovableOperation, AuditEntryConnection, AuditService, ConnectionArgs, type GraphqlContext, groupByKeys, indexByKeys, loaderName, RequestContext, RequirePermissions, summaryColumns, UuidPipe, CacheableQuery } from '@coremis/core';
import { AddHouseholdMemberInput, MoveMemberInput, RemoveMemberInput, SetHouseholdHeadInput, SetRecipientInput } from './dto/household.inputs';
import { IndividualsArgs, UpdateIndividualInput } from './dto/individual.inputs';
import { IndividualConnection } from './dto/registry.models';
import { Household, HOUSEHOLD_SUMMARY } from './entities/household.entity';
import { IndividualDocument } from './entities/individual-document.entity';
import { Individual, INDIVIDUAL_SUMMARY } from './entities/individual.entity';
import { HouseholdService } from './household.service';
import { IndividualService } from './individual.service';
import { RosterService } from './roster.service';

@Resolver(() => Individual)
export class IndividualResolver {
  constructor(
    private readonly individualService: IndividualService,
    private readonly households: HouseholdService,
    private readonly roster: RosterService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => IndividualConnection, { description: 'People in the caller’s areas, by family then given name.' })
  @RequirePermissions('registry.view')
  @CacheableQuery()
  individuals(@Args() args: IndividualsArgs, @Info() info: GraphQLResolveInfo): Promise<IndividualConnection> {
    return this.individualService.list(args, summaryColumns(info, INDIVIDUAL_SUMMARY, ['edges', 'node'])) as Promise<IndividualConnection>;
  }

  @Query(() => Individual, { nullable: true })
  @RequirePermissions('registry.view')
  @CacheableQuery()
  individual(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Individual | null> {
    return this.individualService.findById(id);
  }

  @Mutation(() => Individual)
  @RequirePermissions('registry.edit')
  @ApprovableOperation('registry.individuals.update')
  updateIndividual(@Args('input') input: UpdateIndividualInput): Promise<Individual> {
    return this.individualService.update(input);
  }

  @Mutation(() => Individual)
  @RequirePermissions('registry.edit')
  @ApprovableOperation('registry.members.add')
  addHouseholdMember(@Args('input') input: AddHouseholdMemberInput): Promise<Individual> {
    return this.roster.addMember(input);
  }

  @Mutation(() => Individual, { description: 'Moves a person to another household; their previous membership is kept in history.' })
  @RequirePermissions('registry.edit')
  @ApprovableOperation('registry.members.move')
  moveHouseholdMember(@Args('input') input: MoveMemberInput): Promise<Individual> {
    return this.roster.move(input);
  }

  @Mutation(() => Individual, { description: 'Ends a person’s membership (moved out, deceased…); the head must be replaced first.' })
  @RequirePermissions('registry.edit')
  @ApprovableOperation('registry.members.remove')
  removeHouseholdMember(@Args('input') input: RemoveMemberInput): Promise<Individual> {
    return this.roster.remove(input);
  }

  @Mutation(() => Household)
  @RequirePermissions('registry.edit')
  @ApprovableOperation('registry.members.setHead')
  setHouseholdHead(@Args('input') input: SetHouseholdHeadInput): Promise<Household> {
    return this.roster.setHead(input);
  }

  @Mutation(() => Household, { description: 'Makes a member the PRIMARY or ALTERNATE recipient (the previous holder of the role loses it), or clears their role.' })
  @RequirePermissions('registry.edit')
  @ApprovableOperation('registry.members.setRecipient')
  setHouseholdRecipient(@Args('input') input: SetRecipientInput): Promise<Household> {
    return this.roster.setRecipient(input);
  }

  @ResolveField(() => Household, { nullable: true })
  household(individual: Individual, _args: unknown, ctx: GraphqlContext, info: GraphQLResolveInfo): Promise<Household | null> {
    if (!individual.householdId) return Promise.resolve(null);
    const columns = summaryColumns(info, HOUSEHOLD_SUMMARY);
    return ctx.loaders.get<string, Household | null>(loaderName('registry.householdById', columns), async (ids) => indexByKeys(ids, await this.households.findByIds(ids, columns), (h) => h.id)).load(individual.householdId);
  }

  @ResolveField(() => [IndividualDocument])
  documents(individual: Individual, _args: unknown, ctx: GraphqlContext): Promise<IndividualDocument[]> {
    return ctx.loaders.get<string, IndividualDocument[]>('registry.documentsByIndividual', async (ids) => groupByKeys(ids, await this.individualService.documentsOf(ids), (d) => d.individualId)).load(individual.id);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Age in whole years today.' })
  age(individual: Individual): number | null {
    if (!individual.birthDate) return null;
    const today = new Date();
    const [y, m, d] = individual.birthDate.split('-').map(Number);
    return today.getUTCFullYear() - y - (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d) ? 1 : 0);
  }

  @ResolveField(() => String, { nullable: true, description: 'Where the ID photo can be downloaded (with the access token).' })
  photoUrl(individual: Individual): string | null {
    return individual.photoFileId ? `/api/registry/files/${individual.photoFileId}` : null;
  }

  @ResolveField(() => AuditEntryConnection, { description: 'Audit trail of the person, newest first (for a restricted user, only while the person lived in their areas).' })
  async history(@Parent() individual: Individual, @Args() args: ConnectionArgs): Promise<AuditEntryConnection> {
    // a restricted caller sees the periods the person spent in households of their areas, not their past elsewhere
    if (RequestContext.actor()?.areaPaths) {
      const periods = await this.individualService.visibleMembershipsOfPerson(individual.id);
      return this.audit.search({ recordsCheckedByCaller: true, entityPeriods: periods.map((p) => ({ entityId: individual.id, from: p.startedAt, to: p.endedAt })) }, args) as unknown as Promise<AuditEntryConnection>;
    }
    return this.audit.search({ recordsCheckedByCaller: true, entityId: individual.id }, args) as unknown as Promise<AuditEntryConnection>;
  }
}
