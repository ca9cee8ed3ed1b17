import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';
import { approvalPending } from '../graphql/approval-pending';

/** Where the approval screens live; "my requests" is a tab of the approvals page. */
export const APPROVALS_PATH = '/admin/approvals';
export const MY_REQUESTS_LINK = { path: APPROVALS_PATH, queryParams: { tab: 'mine' } } as const;

const DURATION_MS = 5000;

/** Short confirmations at the bottom of the screen. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  private readonly router = inject(Router);

  /** A translated message, e.g. `notify('geo.form.saved', { name })`. */
  notify(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.translate.instant(key, params), undefined, { duration: DURATION_MS });
  }

  /**
   * When the error says the change was sent for approval, tells the person so (it is not a failure)
   * and returns true; otherwise false, and the caller shows the error.
   */
  approvalPendingHandled(error: unknown): boolean {
    if (!approvalPending(error)) return false;
    this.sentForApproval();
    return true;
  }

  /** "Sent for approval", with a shortcut to the person's requests. */
  sentForApproval(): void {
    const ref = this.snackBar.open(
      this.translate.instant('core.approvals.sentForApproval'),
      this.translate.instant('core.approvals.viewMyRequests'),
      { duration: 8000, panelClass: 'cm-approval-pending-snack' },
    );
    ref.onAction().subscribe(() => void this.router.navigate([MY_REQUESTS_LINK.path], { queryParams: MY_REQUESTS_LINK.queryParams }));
  }
}
