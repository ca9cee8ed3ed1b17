import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, AppError, conflict, Job, notFound, RequirePermissions, UuidPipe } from '@coremis/core';
import { DeliveryService } from '../agent/delivery.service';
import { GoodsDistribution, GoodsItem, GoodsRuleSet } from './goods.entities';
import {
  CreateGoodsDistributionInput,
  GoodsDeliveryInput,
  GoodsDistributionDecisionInput,
  GoodsDistributionsArgs,
  GoodsEntitlementsArgs,
  GoodsEntitlementsDecisionInput,
  GoodsItemsArgs,
  GoodsStockArgs,
  SaveGoodsItemInput,
  SaveGoodsRulesInput,
  StockMovementInput,
  StockMovementsArgs,
} from './goods.inputs';
import { GoodsDeliveryOutcome, GoodsDistributionConnection, GoodsEntitlementConnection, GoodsItemConnection, GoodsReconciliationReport, GoodsStockLine, GoodsStockMovementPage } from './goods.models';
import { GoodsService } from './goods.service';

@Resolver(() => GoodsDistribution)
export class GoodsResolver {
  constructor(
    private readonly goods: GoodsService,
    private readonly deliveries: DeliveryService,
  ) {}

  @Query(() => GoodsItemConnection, { description: 'The goods catalogue.' })
  @RequirePermissions('payment.view')
  async goodsItems(@Args() args: GoodsItemsArgs): Promise<GoodsItemConnection> {
    return (await this.goods.items(args)) as GoodsItemConnection;
  }

  @Mutation(() => GoodsItem)
  @RequirePermissions('payment.goods.manage')
  saveGoodsItem(@Args('input') input: SaveGoodsItemInput): Promise<GoodsItem> {
    return this.goods.saveItem(input);
  }

  @Query(() => [GoodsRuleSet], { description: "Every version of a programme's goods rules, newest first." })
  @RequirePermissions('payment.view')
  goodsRuleSets(@Args('programId', { type: () => ID }, UuidPipe) programId: string): Promise<GoodsRuleSet[]> {
    return this.goods.ruleSets(programId);
  }

  @Mutation(() => GoodsRuleSet, { description: 'Saves a new version of the goods rules; may be held for approval.' })
  @RequirePermissions('payment.goods.manage')
  @ApprovableOperation('payment.goods.rules.save')
  saveGoodsRules(@Args('input') input: SaveGoodsRulesInput): Promise<GoodsRuleSet> {
    return this.goods.saveRules(input);
  }

  @Query(() => GoodsDistributionConnection)
  @RequirePermissions('payment.view')
  async goodsDistributions(@Args() args: GoodsDistributionsArgs): Promise<GoodsDistributionConnection> {
    return (await this.goods.distributions(args)) as GoodsDistributionConnection;
  }

  @Query(() => GoodsEntitlementConnection, { description: "Entitlements of a distribution in the caller's areas." })
  @RequirePermissions('payment.view')
  async goodsEntitlements(@Args() args: GoodsEntitlementsArgs): Promise<GoodsEntitlementConnection> {
    return (await this.goods.entitlements(args)) as GoodsEntitlementConnection;
  }

  @Query(() => GoodsReconciliationReport, { description: 'Planned vs delivered per area and per payment point.' })
  @RequirePermissions('payment.view')
  goodsReconciliationReport(@Args('distributionId', { type: () => ID }, UuidPipe) distributionId: string): Promise<GoodsReconciliationReport> {
    return this.goods.report(distributionId);
  }

  @Mutation(() => GoodsDistribution, { description: 'Creates the DRAFT goods distribution of a cycle; a background job (generationJobId) generates its entitlements.' })
  @RequirePermissions('payment.goods.manage')
  createGoodsDistribution(@Args('input') input: CreateGoodsDistributionInput): Promise<GoodsDistribution> {
    return this.goods.create(input);
  }

  @Mutation(() => Job, { description: 'Generates a DRAFT distribution again, as a background job: adds only the entitlements it lacks.' })
  @RequirePermissions('payment.goods.manage')
  regenerateGoodsDistribution(@Args('input') input: GoodsDistributionDecisionInput): Promise<Job> {
    return this.goods.startGeneration(input.distributionId);
  }

  @Mutation(() => Int, { description: 'Cancels entitlements (DRAFT distribution).' })
  @RequirePermissions('payment.review')
  cancelGoodsEntitlements(@Args('input') input: GoodsEntitlementsDecisionInput): Promise<number> {
    return this.goods.cancel(input.distributionId, input.entitlementIds, input.reason);
  }

  @Mutation(() => GoodsDistribution)
  @RequirePermissions('payment.goods.manage')
  submitGoodsDistributionForApproval(@Args('input') input: GoodsDistributionDecisionInput): Promise<GoodsDistribution> {
    return this.goods.submitForApproval(input.distributionId);
  }

  @Mutation(() => GoodsDistribution, { description: 'Approves a distribution pending approval; held for the configured approval levels.' })
  @RequirePermissions('payment.approve')
  @ApprovableOperation('payment.goods.approve')
  approveGoodsDistribution(@Args('input') input: GoodsDistributionDecisionInput): Promise<GoodsDistribution> {
    return this.goods.approve(input.distributionId);
  }

  @Mutation(() => GoodsDistribution, { description: 'Rejects a distribution pending approval: it goes back to DRAFT.' })
  @RequirePermissions('payment.approve')
  rejectGoodsDistribution(@Args('input') input: GoodsDistributionDecisionInput): Promise<GoodsDistribution> {
    return this.goods.reject(input.distributionId, input.reason);
  }

  @Mutation(() => GoodsDistribution, { description: 'Sends an approved distribution to its payment points.' })
  @RequirePermissions('payment.pay')
  @ApprovableOperation('payment.goods.start')
  startGoodsDistribution(@Args('input') input: GoodsDistributionDecisionInput): Promise<GoodsDistribution> {
    return this.goods.start(input.distributionId);
  }

  @Mutation(() => GoodsDistribution, { description: 'Reconciles the delivered entitlements; RECONCILED once nothing waits for delivery.' })
  @RequirePermissions('payment.pay')
  reconcileGoodsDistribution(@Args('input') input: GoodsDistributionDecisionInput): Promise<GoodsDistribution> {
    return this.goods.reconcile(input.distributionId);
  }

  @Query(() => [GoodsStockLine], { description: 'Stock of each item at a payment point.' })
  @RequirePermissions('payment.view')
  goodsStock(@Args() args: GoodsStockArgs): Promise<GoodsStockLine[]> {
    return this.goods.stock(args.paymentPointId);
  }

  @Query(() => GoodsStockMovementPage, { description: 'The stock ledger of a payment point, newest first.' })
  @RequirePermissions('payment.view')
  goodsStockMovements(@Args() args: StockMovementsArgs): Promise<GoodsStockMovementPage> {
    return this.goods.movements(args);
  }

  @Mutation(() => GoodsStockLine, { description: 'Goods received at a payment point.' })
  @RequirePermissions('payment.goods.manage')
  receiveGoodsStock(@Args('input') input: StockMovementInput): Promise<GoodsStockLine> {
    return this.goods.moveStock(input, 'RECEIPT');
  }

  @Mutation(() => GoodsStockLine, { description: 'A counted correction of the stock (signed); never below zero.' })
  @RequirePermissions('payment.goods.manage')
  adjustGoodsStock(@Args('input') input: StockMovementInput): Promise<GoodsStockLine> {
    return this.goods.moveStock(input, 'ADJUSTMENT');
  }

  @Mutation(() => GoodsDeliveryOutcome, { description: 'Records goods handed over with their evidence; the same client id twice changes nothing.' })
  @RequirePermissions('payment.deliver')
  async recordGoodsDelivery(@Args('input') input: GoodsDeliveryInput): Promise<GoodsDeliveryOutcome> {
    const outcome = await this.deliveries.deliver({ ...input, kind: 'GOODS', targetId: input.entitlementId }, { source: 'WEB', pointIds: null });
    if (outcome.status !== 'CONFLICT') return outcome;
    if (outcome.code === 'NOT_ASSIGNED') throw notFound('payment.goods.errors.entitlementNotFound');
    if (outcome.code === 'INVALID_PHOTO') throw new AppError('BAD_USER_INPUT', 'payment.agent.conflicts.INVALID_PHOTO', {}, [{ field: 'photoBase64', key: 'payment.agent.conflicts.INVALID_PHOTO' }]);
    if (outcome.code === 'DELIVERED_IN_FUTURE' || outcome.code === 'DELIVERED_BEFORE_SUBMISSION') {
      throw new AppError('BAD_USER_INPUT', `payment.agent.conflicts.${outcome.code}`, {}, [{ field: 'deliveredAt', key: `payment.agent.conflicts.${outcome.code}` }]);
    }
    throw conflict(`payment.agent.conflicts.${outcome.code}`);
  }
}
