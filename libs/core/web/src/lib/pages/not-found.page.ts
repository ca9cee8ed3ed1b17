import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { EmptyStateComponent } from '../ui/empty-state.component';

@Component({
  selector: 'cm-not-found-page',
  imports: [MatButton, RouterLink, TranslatePipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cm-empty-state
      icon="travel_explore"
      [title]="'core.notFound.title' | translate"
      [message]="'core.notFound.message' | translate"
    >
      <a mat-flat-button routerLink="/">{{ 'core.notFound.home' | translate }}</a>
    </cm-empty-state>
  `,
})
export class NotFoundPage {}
