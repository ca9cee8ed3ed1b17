import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { type IsActiveMatchOptions, RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** The three goods pages, as tabs over the page. */
@Component({
  selector: 'cm-payment-goods-tabs',
  imports: [MatTabNav, MatTabLink, MatTabNavPanel, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav mat-tab-nav-bar [tabPanel]="panel" class="goods-tabs">
      @for (tab of tabs; track tab.path) {
        <a mat-tab-link [routerLink]="tab.path" routerLinkActive #active="routerLinkActive" [routerLinkActiveOptions]="exact" [active]="active.isActive" [attr.data-testid]="'goods-tab-' + tab.key">
          {{ 'paymentGoods.tabs.' + tab.key | translate }}
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel />
  `,
  styles: ':host { display: block; margin-bottom: 16px; }',
})
export class GoodsTabsComponent {
  /** The tab stays active whatever the page's filters in the query string. */
  protected readonly exact: IsActiveMatchOptions = { paths: 'exact', queryParams: 'ignored', matrixParams: 'ignored', fragment: 'ignored' };
  protected readonly tabs = [
    { key: 'catalogue', path: '/payment/goods' },
    { key: 'stock', path: '/payment/goods/stock' },
    { key: 'entitlements', path: '/payment/goods/entitlements' },
  ];
}
