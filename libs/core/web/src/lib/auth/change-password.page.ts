import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { NoticeBannerComponent } from '../ui/notice-banner.component';
import { Notifier } from '../ui/notifier.service';
import { safeReturnUrl } from './auth.guards';
import { AuthService } from './auth.service';
import { AuthLayoutComponent } from './auth-layout.component';
import { ChangePasswordFormComponent } from './change-password-form.component';

/** Shown instead of the application while the person must replace a temporary password. */
@Component({
  selector: 'cm-change-password-page',
  imports: [MatButton, TranslatePipe, AuthLayoutComponent, ChangePasswordFormComponent, NoticeBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cm-auth-layout>
      <h1 class="title">{{ 'core.auth.forcedPassword.title' | translate }}</h1>
      <cm-notice-banner kind="warning">
        {{ 'core.auth.forcedPassword.intro' | translate: { name: auth.user()?.displayName } }}
      </cm-notice-banner>
      <cm-change-password-form currentLabelKey="core.auth.password.temporary" (changed)="done()">
        <button mat-button type="button" (click)="signOut()" data-testid="forced-password-sign-out">
          {{ 'core.auth.userMenu.signOut' | translate }}
        </button>
      </cm-change-password-form>
    </cm-auth-layout>
  `,
  styles: `
    .title {
      font: var(--mat-sys-headline-small);
      margin: 0 0 16px;
    }
  `,
})
export class ChangePasswordPage {
  readonly returnUrl = input<string>();
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected done(): void {
    this.notifier.notify('core.auth.password.changed');
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }

  protected signOut(): void {
    void this.auth.logout();
  }
}
