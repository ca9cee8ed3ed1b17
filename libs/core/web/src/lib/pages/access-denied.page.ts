import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { EmptyStateComponent } from '../ui/empty-state.component';

/** Where the permission guards send someone who opened a page their roles do not allow. */
@Component({
  selector: 'cm-access-denied-page',
  imports: [MatButton, RouterLink, TranslatePipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'access-denied' },
  template: `
    <cm-empty-state icon="lock" [title]="'core.accessDenied.title' | translate" [message]="'core.accessDenied.message' | translate">
      <a mat-flat-button routerLink="/">{{ 'core.notFound.home' | translate }}</a>
    </cm-empty-state>
  `,
})
export class AccessDeniedPage {}
