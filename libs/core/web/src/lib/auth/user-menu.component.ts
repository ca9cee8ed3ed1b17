import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from './auth.service';

export const ACCOUNT_PATH = '/account';

/** The signed-in person in the toolbar: their name, their account page, signing out. */
@Component({
  selector: 'cm-user-menu',
  imports: [MatButton, MatIconButton, MatIcon, MatMenu, MatMenuItem, MatMenuTrigger, MatDivider, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (auth.user(); as user) {
      @if (compact()) {
        <button
          mat-icon-button
          type="button"
          [matMenuTriggerFor]="menu"
          [attr.aria-label]="'core.auth.userMenu.label' | translate: { name: user.displayName }"
          data-testid="user-menu"
        >
          <mat-icon>account_circle</mat-icon>
        </button>
      } @else {
        <button
          mat-button
          type="button"
          class="trigger"
          [matMenuTriggerFor]="menu"
          [attr.aria-label]="'core.auth.userMenu.label' | translate: { name: user.displayName }"
          data-testid="user-menu"
        >
          <mat-icon>account_circle</mat-icon>
          <span class="name" data-testid="user-menu-name">{{ user.displayName }}</span>
          <mat-icon class="caret" iconPositionEnd>arrow_drop_down</mat-icon>
        </button>
      }
      <mat-menu #menu="matMenu" xPosition="before">
        <div class="who" role="presentation">
          <strong>{{ user.displayName }}</strong>
          <span>{{ user.username }}</span>
        </div>
        <mat-divider />
        <a mat-menu-item [routerLink]="accountPath" data-testid="user-menu-account">
          <mat-icon>manage_accounts</mat-icon>
          <span>{{ 'core.auth.userMenu.account' | translate }}</span>
        </a>
        <button mat-menu-item type="button" (click)="signOut()" data-testid="user-menu-sign-out">
          <mat-icon>logout</mat-icon>
          <span>{{ 'core.auth.userMenu.signOut' | translate }}</span>
        </button>
      </mat-menu>
    }
  `,
  styles: `
    .trigger {
      max-width: 260px;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .caret {
      margin: 0 -4px 0 0;
    }
    .who {
      display: flex;
      flex-direction: column;
      padding: 8px 16px 12px;
      span {
        font: var(--mat-sys-body-small);
        color: var(--mat-sys-on-surface-variant);
      }
    }
  `,
})
export class UserMenuComponent {
  /** Narrow screens show only an icon. */
  readonly compact = input(false);
  protected readonly auth = inject(AuthService);
  protected readonly accountPath = ACCOUNT_PATH;

  protected signOut(): void {
    void this.auth.logout();
  }
}
