import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, resource } from '@angular/core';
import { ErrorBannerComponent } from '../ui/error-banner.component';
import { LoadingIndicatorComponent } from '../ui/loading-indicator.component';
import type { ContributedTab } from './page-tab-contribution';

/**
 * The content of a contributed tab (`PageTabContribution`): loads its component and shows it with the
 * host record's id. The host page puts one inside each `<mat-tab>` it adds for `contributedTabs(page)`.
 */
@Component({
  selector: 'cm-contributed-tab',
  imports: [NgComponentOutlet, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (component.error(); as error) {
      <cm-error-banner [error]="error" />
    } @else if (component.value(); as type) {
      <ng-container *ngComponentOutlet="type; inputs: inputs()" />
    } @else {
      <cm-loading-indicator />
    }
  `,
})
export class ContributedTabComponent {
  readonly tab = input.required<ContributedTab>();
  readonly recordId = input.required<string>();

  protected readonly component = resource({ params: () => this.tab(), loader: ({ params }) => params.component() });
  protected readonly inputs = computed(() => ({ recordId: this.recordId() }));
}
