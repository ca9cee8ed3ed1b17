import { DestroyRef, inject, Injectable } from '@angular/core';
import { MatStepperIntl } from '@angular/material/stepper';
import { TranslateService } from '@ngx-translate/core';

/** The stepper's labels (read by screen readers and shown on optional steps) in the interface language. */
@Injectable()
export class TranslatedStepperIntl extends MatStepperIntl {
  private readonly translate = inject(TranslateService);

  constructor() {
    super();
    this.apply();
    const subscription = this.translate.onLangChange.subscribe(() => {
      this.apply();
      this.changes.next();
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  private apply(): void {
    this.optionalLabel = this.translate.instant('core.stepper.optional');
    this.completedLabel = this.translate.instant('core.stepper.completed');
    this.editableLabel = this.translate.instant('core.stepper.editable');
  }
}
