import { inject, Injectable } from '@angular/core';
import { GRAPHQL, type ListPage, resultData, toListPage } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import { PaymentPoint, PAYMENT_POINTS_QUERY, PAYMENT_STAFF_QUERY, SAVE_PAYMENT_POINT_MUTATION, SavePaymentPointInput, StaffUser } from './payment-point.queries';

export const PAYMENT_POINTS_PAGE_SIZE = 50;

/** Payment points of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class PaymentPointService {
  private readonly apollo = inject(GRAPHQL);

  async list(search: string | null, after: string | null): Promise<ListPage<PaymentPoint>> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PAYMENT_POINTS_QUERY, variables: { search: search || undefined, first: PAYMENT_POINTS_PAGE_SIZE, after }, fetchPolicy: 'network-only' }),
    );
    return toListPage(resultData(result).paymentPoints);
  }

  async staff(): Promise<readonly StaffUser[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PAYMENT_STAFF_QUERY, variables: {}, fetchPolicy: 'network-only' }))).users.edges.map((edge) => edge.node);
  }

  async save(input: SavePaymentPointInput): Promise<PaymentPoint> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SAVE_PAYMENT_POINT_MUTATION, variables: { input } }))).savePaymentPoint;
  }
}
