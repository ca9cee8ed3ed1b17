import { ChangeDetectionStrategy, Component, Directive, inject, input, resource } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LanguageService, LoadingIndicatorComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { HouseholdPayment } from '../data/payroll.queries';
import { PayrollService } from '../data/payroll.service';
import { statusTone } from '../payrolls/payroll-format';
import { formatMinor } from '../ui/payment-format';

const TEMPLATE = `
    @if (payments.error(); as error) {
      <cm-error-banner [error]="error" [retryable]="true" (retry)="payments.reload()" />
    } @else if (payments.hasValue()) {
      @if (payments.value().length === 0) {
        <cm-empty-state icon="payments" [title]="'payroll.household.none' | translate" [message]="noneHintKey | translate" />
      } @else {
        <table mat-table [dataSource]="payments.value()" [attr.data-testid]="testId + 's-table'">
          <ng-container matColumnDef="payroll">
            <th mat-header-cell *matHeaderCellDef>{{ 'payroll.household.payroll' | translate }}</th>
            <td mat-cell *matCellDef="let row">
              <a class="mono" [routerLink]="['/payment', 'payrolls', row.payrollId]">{{ row.payrollCode }}</a>
              <div class="muted small">{{ row.cycleName }} · {{ row.period }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="recipient">
            <th mat-header-cell *matHeaderCellDef>{{ 'payroll.lines.recipient' | translate }}</th>
            <td mat-cell *matCellDef="let row">{{ row.recipientName ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="amount">
            <th mat-header-cell *matHeaderCellDef class="number">{{ 'payroll.lines.amount' | translate }}</th>
            <td mat-cell *matCellDef="let row" class="number">{{ money(row.amountMinor, row.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>{{ 'payroll.lines.status' | translate }}</th>
            <td mat-cell *matCellDef="let row"><span class="pill {{ tone(row.status) }}">{{ 'payroll.lineStatuses.' + row.status | translate }}</span></td>
          </ng-container>
          <ng-container matColumnDef="settled">
            <th mat-header-cell *matHeaderCellDef>{{ 'payroll.household.settled' | translate }}</th>
            <td mat-cell *matCellDef="let row">
              {{ row.settledAt | dateTime: lang() }}
              @if (row.receipt) {
                <div class="muted small mono">{{ row.receipt }}</div>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-testid]="testId + '-' + row.payrollCode"></tr>
        </table>
      }
    } @else {
      <cm-loading-indicator />
    }
  `;
const IMPORTS = [MatTableModule, RouterLink, TranslatePipe, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent];

/** A Payments tab: payroll lines (newest first) in the caller's areas, for the record the host page passes. */
@Directive()
abstract class PaymentsTab {
  protected readonly service = inject(PayrollService);
  protected readonly lang = inject(LanguageService).current;
  /** The record's id (the host page passes it). */
  readonly recordId = input.required<string>();

  /** Test ids: `<testId>s-table` for the table, `<testId>-<payroll code>` for a row. */
  protected abstract readonly testId: string;
  protected abstract readonly noneHintKey: string;
  protected readonly columns = ['payroll', 'recipient', 'amount', 'status', 'settled'];
  protected readonly tone = statusTone;
  protected readonly payments = resource({ params: () => this.recordId(), loader: ({ params }) => this.load(params) });

  protected abstract load(id: string): Promise<readonly HouseholdPayment[]>;

  protected money(minor: string, currency: string): string {
    return formatMinor(minor, currency, this.lang());
  }
}

/** The Payments tab of a household page: its lines and, in per-person programmes, its current members' lines. */
@Component({
  selector: 'cm-payment-household-payments',
  imports: IMPORTS,
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: TEMPLATE,
  styleUrl: './household-payments.tab.scss',
})
export class HouseholdPaymentsTab extends PaymentsTab {
  protected readonly testId = 'household-payment';
  protected readonly noneHintKey = 'payroll.household.noneHint';

  protected load(id: string): Promise<readonly HouseholdPayment[]> {
    return this.service.householdPayments(id);
  }
}

/** The Payments tab of a person's page: their lines as a beneficiary, and the household lines they received. */
@Component({
  selector: 'cm-payment-individual-payments',
  imports: IMPORTS,
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: TEMPLATE,
  styleUrl: './household-payments.tab.scss',
})
export class IndividualPaymentsTab extends PaymentsTab {
  protected readonly testId = 'individual-payment';
  protected readonly noneHintKey = 'payroll.household.personNoneHint';

  protected load(id: string): Promise<readonly HouseholdPayment[]> {
    return this.service.individualPayments(id);
  }
}
