import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AdminArea, AdminAreaService } from '@coremis/geo';
import { Household, HOUSEHOLD_SUMMARY, Individual, INDIVIDUAL_SUMMARY } from '@coremis/registry';
import { ApprovableOperation, CacheableQuery, type GraphqlContext, groupByKeys, indexByKeys, Job, loaderName, RequirePermissions, summaryColumns, UuidPipe } from '@coremis/core';
import { BeneficiaryService } from './beneficiary.service';
import { BeneficiaryBulkService } from './bulk/beneficiary-bulk.service';
import {
  BeneficiariesArgs,
  BeneficiarySelectionInput,
  BulkStatusChangeInput,
  ChangeBeneficiaryStatusInput,
  DecideExitProposalsInput,
  EnrolBeneficiaryInput,
  EnrolHouseholdCodesInput,
  ExitProposalsArgs,
  ProposeExitsInput,
} from './dto/beneficiary.inputs';
import { BeneficiaryConnection, BulkStatusPreview, ExitDecisionSummary, ExitProposalConnection, ExitReviewSummary, StatusChangeSummary, StatusTransition } from './dto/beneficiary.models';
import { Beneficiary } from './entities/beneficiary.entity';
import { BeneficiaryStatusChange } from './entities/beneficiary-status-change.entity';
import { ExitProposal } from './entities/exit-proposal.entity';
import { Program } from './entities/program.entity';
import { ExitReviewService } from './exits/exit-review.service';
import { ProgramService } from './program.service';
import { BeneficiaryStatus, STATUS_TRANSITIONS } from './programs-vocabulary';

/** Beneficiaries: root operations declare their permission; the services apply the geographic scope. */
@Resolver(() => Beneficiary)
export class BeneficiaryResolver {
  constructor(
    private readonly service: BeneficiaryService,
    private readonly bulk: BeneficiaryBulkService,
    private readonly exits: ExitReviewService,
    private readonly programs: ProgramService,
    private readonly areas: AdminAreaService,
  ) {}

  @Query(() => BeneficiaryConnection, { description: 'A programme\'s beneficiaries in your areas.' })
  @CacheableQuery()
  @RequirePermissions('programs.view')
  async beneficiaries(@Args() args: BeneficiariesArgs): Promise<BeneficiaryConnection> {
    return (await this.service.list(args)) as BeneficiaryConnection;
  }

  @Query(() => Beneficiary, { nullable: true })
  @CacheableQuery()
  @RequirePermissions('programs.view')
  beneficiary(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Beneficiary | null> {
    return this.service.findById(id);
  }

  @Query(() => [Beneficiary], { description: 'The programmes of a household (and of its members), newest status first.' })
  @CacheableQuery()
  @RequirePermissions('programs.view')
  householdBeneficiaries(@Args('householdId', { type: () => ID }, UuidPipe) householdId: string): Promise<Beneficiary[]> {
    return this.service.ofHousehold(householdId);
  }

  @Query(() => [StatusTransition], { description: 'The beneficiary status transition table.' })
  @RequirePermissions('programs.view')
  beneficiaryStatusTransitions(): StatusTransition[] {
    return [...STATUS_TRANSITIONS].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));
  }

  @Query(() => BulkStatusPreview, { description: 'How many beneficiaries a bulk change would take, and how many may move.' })
  @RequirePermissions('programs.beneficiaries.bulk')
  previewBulkStatusChange(
    @Args('selection') selection: BeneficiarySelectionInput,
    @Args('toStatus', { type: () => BeneficiaryStatus }) toStatus: BeneficiaryStatus,
  ): Promise<BulkStatusPreview> {
    return this.bulk.preview(selection, toStatus);
  }

  @Query(() => ExitProposalConnection, { description: 'Open exit proposals of a programme, in your areas.' })
  @CacheableQuery()
  @RequirePermissions('programs.view')
  async exitProposals(@Args() args: ExitProposalsArgs): Promise<ExitProposalConnection> {
    return (await this.exits.list(args)) as ExitProposalConnection;
  }

  @Mutation(() => Beneficiary, { description: 'Enrols one household or person; may be held for approval.' })
  @RequirePermissions('programs.beneficiaries.manage')
  @ApprovableOperation('programs.beneficiaries.enrol')
  enrolBeneficiary(@Args('input') input: EnrolBeneficiaryInput): Promise<Beneficiary> {
    return this.service.enrol(input);
  }

  @Mutation(() => Beneficiary, { description: 'Moves a beneficiary to another status allowed by the table; may be held for approval.' })
  @RequirePermissions('programs.beneficiaries.manage')
  @ApprovableOperation('programs.beneficiaries.changeStatus')
  changeBeneficiaryStatus(@Args('input') input: ChangeBeneficiaryStatusInput): Promise<Beneficiary> {
    return this.service.changeStatus(input);
  }

  @Mutation(() => StatusChangeSummary, { description: 'Enrols the households of a list of codes (an uploaded CSV); all or nothing.' })
  @RequirePermissions('programs.beneficiaries.manage')
  @ApprovableOperation('programs.beneficiaries.import')
  enrolHouseholdsByCode(@Args('input') input: EnrolHouseholdCodesInput): Promise<StatusChangeSummary> {
    return this.service.enrolByCodes(input);
  }

  @Mutation(() => Job, { description: 'Changes the status of every selected beneficiary, as a background job; may be held for approval.' })
  @RequirePermissions('programs.beneficiaries.bulk')
  @ApprovableOperation('programs.beneficiaries.bulk')
  startBulkStatusChange(@Args('input') input: BulkStatusChangeInput): Promise<Job> {
    return this.bulk.start(input);
  }

  @Mutation(() => ExitReviewSummary, { description: 'Evaluates exit criteria and proposes exits for an officer to confirm.' })
  @RequirePermissions('programs.beneficiaries.bulk')
  proposeExits(@Args('input') input: ProposeExitsInput): Promise<ExitReviewSummary> {
    return this.exits.propose(input);
  }

  @Mutation(() => ExitDecisionSummary, { description: 'Confirms or dismisses exit proposals; may be held for approval.' })
  @RequirePermissions('programs.beneficiaries.manage')
  @ApprovableOperation('programs.exits.decide')
  decideExitProposals(@Args('input') input: DecideExitProposalsInput): Promise<ExitDecisionSummary> {
    return this.exits.decide(input);
  }

  @ResolveField(() => Program, { nullable: true })
  program(beneficiary: Beneficiary, _args: unknown, ctx: GraphqlContext): Promise<Program | null> {
    return ctx.loaders.get<string, Program | null>('programs.programById', async (ids) => indexByKeys(ids, await this.programs.findByIds(ids), (p) => p.id)).load(beneficiary.programId);
  }

  @ResolveField(() => Household, { nullable: true })
  household(beneficiary: Beneficiary, _args: unknown, ctx: GraphqlContext, info: GraphQLResolveInfo): Promise<Household | null> | null {
    if (!beneficiary.householdId) return null;
    const columns = summaryColumns(info, HOUSEHOLD_SUMMARY);
    return ctx.loaders.get<string, Household | null>(loaderName('programs.householdById', columns), async (ids) => indexByKeys(ids, await this.service.householdsByIds(ids, columns), (h) => h.id)).load(beneficiary.householdId);
  }

  @ResolveField(() => Individual, { nullable: true })
  individual(beneficiary: Beneficiary, _args: unknown, ctx: GraphqlContext, info: GraphQLResolveInfo): Promise<Individual | null> | null {
    if (!beneficiary.individualId) return null;
    const columns = summaryColumns(info, INDIVIDUAL_SUMMARY);
    return ctx.loaders.get<string, Individual | null>(loaderName('programs.individualById', columns), async (ids) => indexByKeys(ids, await this.service.individualsByIds(ids, columns), (i) => i.id)).load(beneficiary.individualId);
  }

  @ResolveField(() => AdminArea, { nullable: true })
  area(beneficiary: Beneficiary, _args: unknown, ctx: GraphqlContext): Promise<AdminArea | null> {
    return this.areas.loadWithAncestors(ctx, beneficiary.areaId, beneficiary.areaPath);
  }

  @ResolveField(() => [BeneficiaryStatusChange], { description: 'Status history, newest first.' })
  history(beneficiary: Beneficiary, _args: unknown, ctx: GraphqlContext): Promise<BeneficiaryStatusChange[]> {
    return ctx.loaders
      .get<string, BeneficiaryStatusChange[]>('programs.historyByBeneficiary', async (ids) => groupByKeys(ids, await this.service.historyOf(ids), (h) => h.beneficiaryId))
      .load(beneficiary.id);
  }
}

@Resolver(() => ExitProposal)
export class ExitProposalResolver {
  constructor(private readonly beneficiaries: BeneficiaryService) {}

  @ResolveField(() => Beneficiary, { nullable: true })
  beneficiary(proposal: ExitProposal, _args: unknown, ctx: GraphqlContext): Promise<Beneficiary | null> {
    return ctx.loaders
      .get<string, Beneficiary | null>('programs.beneficiaryById', async (ids) => indexByKeys(ids, await this.beneficiaries.findByIds(ids), (b) => b.id))
      .load(proposal.beneficiaryId);
  }
}
