import { inject, Injectable } from '@angular/core';
import { GRAPHQL, type ListPage, resultData, toListPage } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import type { SaveGoodsItemInput, SaveGoodsRulesInput } from '../data/generated/graphql';
import type { LineStatus } from './goods-format';
import {
  APPROVE_GOODS_DISTRIBUTION_MUTATION,
  CREATE_GOODS_DISTRIBUTION_MUTATION,
  GOODS_DISTRIBUTIONS_QUERY,
  GOODS_REPORT_QUERY,
  GOODS_RULE_SETS_QUERY,
  type GoodsReport,
  GOODS_ENTITLEMENTS_QUERY,
  GOODS_ITEMS_QUERY,
  GOODS_STOCK_POINTS_QUERY,
  GOODS_STOCK_QUERY,
  type GoodsDistributionRow,
  type GoodsEntitlementRow,
  type GoodsItemRow,
  type GoodsMovementRow,
  type GoodsPointRow,
  type GoodsStockRow,
  RECEIVE_GOODS_STOCK_MUTATION,
  RECONCILE_GOODS_DISTRIBUTION_MUTATION,
  SAVE_GOODS_ITEM_MUTATION,
  SAVE_GOODS_RULES_MUTATION,
  type GoodsRuleSetRow,
  REGENERATE_GOODS_DISTRIBUTION_MUTATION,
  REJECT_GOODS_DISTRIBUTION_MUTATION,
  START_GOODS_DISTRIBUTION_MUTATION,
  SUBMIT_GOODS_DISTRIBUTION_MUTATION,
} from './goods.queries';

export const GOODS_PAGE_SIZE = 50;

/** A step of a distribution's life the entitlements page offers. */
export type GoodsDistributionAction = 'regenerate' | 'submit' | 'approve' | 'reject' | 'start' | 'reconcile';

/** Goods distribution through the CoreMIS API: catalogue, distributions and entitlements, stock per payment point. */
@Injectable({ providedIn: 'root' })
export class GoodsService {
  private readonly apollo = inject(GRAPHQL);

  async items(search: string | undefined, after: string | null): Promise<ListPage<GoodsItemRow>> {
    const result = await firstValueFrom(this.apollo.query({ query: GOODS_ITEMS_QUERY, variables: { first: GOODS_PAGE_SIZE, after, search }, fetchPolicy: 'network-only' }));
    return toListPage(resultData(result).goodsItems);
  }

  async distributions(): Promise<GoodsDistributionRow[]> {
    const result = await firstValueFrom(this.apollo.query({ query: GOODS_DISTRIBUTIONS_QUERY, variables: { first: 200 }, fetchPolicy: 'network-only' }));
    return resultData(result).goodsDistributions.edges.map((e) => e.node);
  }

  async entitlements(distributionId: string, status: LineStatus | undefined, after: string | null): Promise<ListPage<GoodsEntitlementRow>> {
    const result = await firstValueFrom(this.apollo.query({ query: GOODS_ENTITLEMENTS_QUERY, variables: { distributionId, first: GOODS_PAGE_SIZE, after, status }, fetchPolicy: 'network-only' }));
    return toListPage(resultData(result).goodsEntitlements);
  }

  async points(): Promise<GoodsPointRow[]> {
    const result = await firstValueFrom(this.apollo.query({ query: GOODS_STOCK_POINTS_QUERY, fetchPolicy: 'network-only' }));
    return resultData(result).paymentPoints.edges.map((e) => e.node);
  }

  async stock(paymentPointId: string): Promise<{ stock: readonly GoodsStockRow[]; movements: readonly GoodsMovementRow[] }> {
    const data = resultData(await firstValueFrom(this.apollo.query({ query: GOODS_STOCK_QUERY, variables: { paymentPointId }, fetchPolicy: 'network-only' })));
    return { stock: data.goodsStock, movements: data.goodsStockMovements.items };
  }

  async saveItem(input: SaveGoodsItemInput): Promise<{ id: string; code: string }> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SAVE_GOODS_ITEM_MUTATION, variables: { input } }))).saveGoodsItem;
  }

  /** Planned vs delivered per area and per payment point, in the caller's areas. */
  async report(distributionId: string): Promise<GoodsReport> {
    return resultData(await firstValueFrom(this.apollo.query({ query: GOODS_REPORT_QUERY, variables: { distributionId }, fetchPolicy: 'network-only' }))).goodsReconciliationReport;
  }

  /** Every version of a programme's goods rules, newest first. */
  async ruleSets(programId: string): Promise<readonly GoodsRuleSetRow[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: GOODS_RULE_SETS_QUERY, variables: { programId }, fetchPolicy: 'network-only' }))).goodsRuleSets;
  }

  /** A new version of the rules; an approval flow may hold it (the error says so). */
  async saveRules(input: SaveGoodsRulesInput): Promise<{ id: string; ruleVersion: number }> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SAVE_GOODS_RULES_MUTATION, variables: { input } }))).saveGoodsRules;
  }

  async createDistribution(cycleId: string, code: string): Promise<GoodsDistributionRow> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_GOODS_DISTRIBUTION_MUTATION, variables: { input: { cycleId, code } } }))).createGoodsDistribution;
  }

  /** One step of the distribution's life; an approval flow may hold `approve` and `start` (the error says so). */
  async act(action: GoodsDistributionAction, distributionId: string): Promise<void> {
    const variables = { input: { distributionId } };
    const run = {
      regenerate: async () => resultData(await firstValueFrom(this.apollo.mutate({ mutation: REGENERATE_GOODS_DISTRIBUTION_MUTATION, variables }))),
      submit: async () => resultData(await firstValueFrom(this.apollo.mutate({ mutation: SUBMIT_GOODS_DISTRIBUTION_MUTATION, variables }))),
      approve: async () => resultData(await firstValueFrom(this.apollo.mutate({ mutation: APPROVE_GOODS_DISTRIBUTION_MUTATION, variables }))),
      reject: async () => resultData(await firstValueFrom(this.apollo.mutate({ mutation: REJECT_GOODS_DISTRIBUTION_MUTATION, variables }))),
      start: async () => resultData(await firstValueFrom(this.apollo.mutate({ mutation: START_GOODS_DISTRIBUTION_MUTATION, variables }))),
      reconcile: async () => resultData(await firstValueFrom(this.apollo.mutate({ mutation: RECONCILE_GOODS_DISTRIBUTION_MUTATION, variables }))),
    };
    await run[action]();
  }

  async receive(input: { paymentPointId: string; itemId: string; quantity: number; reference?: string | null }): Promise<void> {
    resultData(await firstValueFrom(this.apollo.mutate({ mutation: RECEIVE_GOODS_STOCK_MUTATION, variables: { input } })));
  }
}
