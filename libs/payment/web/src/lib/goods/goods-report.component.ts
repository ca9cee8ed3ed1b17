import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatTableModule } from '@angular/material/table';
import { ErrorBannerComponent, LanguageService } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { formatMinor } from '../ui/payment-format';
import type { GoodsReportRow } from './goods.queries';
import { GoodsService } from './goods.service';

/**
 * Planned vs delivered for a distribution, per payment point or per area (entitlements in the caller's areas): counts,
 * share delivered and value at the catalogue's unit values (shown when every item is priced in one currency).
 */
@Component({
  selector: 'cm-payment-goods-report',
  imports: [MatTableModule, MatButtonToggleGroup, MatButtonToggle, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="report" data-testid="goods-report">
      <div class="title-row">
        <h2>{{ 'paymentGoods.report.title' | translate }}</h2>
        <mat-button-toggle-group [value]="by()" (change)="by.set($event.value)" [attr.aria-label]="'paymentGoods.report.title' | translate">
          <mat-button-toggle value="point" data-testid="goods-report-by-point">{{ 'paymentGoods.report.byPoint' | translate }}</mat-button-toggle>
          <mat-button-toggle value="area" data-testid="goods-report-by-area">{{ 'paymentGoods.report.byArea' | translate }}</mat-button-toggle>
        </mat-button-toggle-group>
      </div>
      @if (report.error(); as error) {
        <cm-error-banner [error]="error" [retryable]="true" (retry)="report.reload()" />
      } @else if (rows().length) {
        <table mat-table [dataSource]="rows()" class="figures">
          <ng-container matColumnDef="key">
            <th mat-header-cell *matHeaderCellDef>{{ (by() === 'point' ? 'paymentGoods.report.point' : 'paymentGoods.report.area') | translate }}</th>
            <td mat-cell *matCellDef="let row" class="mono">{{ row.key }}</td>
            <td mat-footer-cell *matFooterCellDef>{{ 'paymentGoods.report.total' | translate }}</td>
          </ng-container>
          <ng-container matColumnDef="planned">
            <th mat-header-cell *matHeaderCellDef class="number">{{ 'paymentGoods.report.planned' | translate }}</th>
            <td mat-cell *matCellDef="let row" class="number">{{ row.plannedCount }}</td>
            <td mat-footer-cell *matFooterCellDef class="number" data-testid="goods-report-planned">{{ totals().planned }}</td>
          </ng-container>
          <ng-container matColumnDef="delivered">
            <th mat-header-cell *matHeaderCellDef class="number">{{ 'paymentGoods.report.delivered' | translate }}</th>
            <td mat-cell *matCellDef="let row" class="number">{{ row.deliveredCount }} ({{ share(row.deliveredCount, row.plannedCount) }})</td>
            <td mat-footer-cell *matFooterCellDef class="number" data-testid="goods-report-delivered">{{ totals().delivered }} ({{ share(totals().delivered, totals().planned) }})</td>
          </ng-container>
          <ng-container matColumnDef="plannedValue">
            <th mat-header-cell *matHeaderCellDef class="number">{{ 'paymentGoods.report.plannedValue' | translate }}</th>
            <td mat-cell *matCellDef="let row" class="number">{{ money(row.plannedValueMinor) }}</td>
            <td mat-footer-cell *matFooterCellDef class="number">{{ money(totals().plannedValue) }}</td>
          </ng-container>
          <ng-container matColumnDef="deliveredValue">
            <th mat-header-cell *matHeaderCellDef class="number">{{ 'paymentGoods.report.deliveredValue' | translate }}</th>
            <td mat-cell *matCellDef="let row" class="number">{{ money(row.deliveredValueMinor) }}</td>
            <td mat-footer-cell *matFooterCellDef class="number">{{ money(totals().deliveredValue) }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns()"></tr>
          <tr mat-row *matRowDef="let row; columns: columns()" [attr.data-testid]="'goods-report-row-' + row.key"></tr>
          <tr mat-footer-row *matFooterRowDef="columns()"></tr>
        </table>
      } @else if (report.hasValue()) {
        <p class="hint">{{ 'paymentGoods.report.empty' | translate }}</p>
      }
    </section>
  `,
  styles: `
    .report {
      margin-top: 24px;
    }
    .title-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      margin-bottom: 8px;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    .figures {
      width: 100%;
    }
    .number {
      text-align: end;
    }
    .mono {
      font-family: 'Roboto Mono', ui-monospace, monospace;
    }
    .mat-mdc-footer-cell {
      font-weight: 500;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class GoodsReportComponent {
  private readonly goods = inject(GoodsService);
  private readonly lang = inject(LanguageService).current;

  readonly distributionId = input.required<string>();
  /** The currency of every item's unit value, or null when they differ (values are then not shown). */
  readonly currency = input<string | null>(null);
  /** Changes when the distribution moved, so that the figures are read again. */
  readonly revision = input(0);

  protected readonly by = signal<'point' | 'area'>('point');
  protected readonly report = resource({ params: () => ({ id: this.distributionId(), revision: this.revision() }), loader: ({ params }) => this.goods.report(params.id) });
  protected readonly rows = computed<readonly GoodsReportRow[]>(() => (this.report.hasValue() ? (this.by() === 'point' ? this.report.value().byPaymentPoint : this.report.value().byArea) : []));
  protected readonly columns = computed(() => (this.currency() ? ['key', 'planned', 'delivered', 'plannedValue', 'deliveredValue'] : ['key', 'planned', 'delivered']));
  protected readonly totals = computed(() => {
    const rows = this.rows();
    const sum = (pick: (row: GoodsReportRow) => string) => rows.reduce((total, row) => total + BigInt(pick(row)), 0n).toString();
    return {
      planned: rows.reduce((total, row) => total + row.plannedCount, 0),
      delivered: rows.reduce((total, row) => total + row.deliveredCount, 0),
      plannedValue: sum((r) => r.plannedValueMinor),
      deliveredValue: sum((r) => r.deliveredValueMinor),
    };
  });

  protected share(part: number, whole: number): string {
    return new Intl.NumberFormat(this.lang(), { style: 'percent', maximumFractionDigits: 0 }).format(whole ? part / whole : 0);
  }

  protected money(minor: string): string {
    const currency = this.currency();
    return currency ? formatMinor(minor, currency, this.lang()) : '';
  }
}
