import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ImportErrorsComponent } from './import-errors.component';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatStepperModule } from '@angular/material/stepper';
import { ErrorBannerComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { RegistryImportStore } from './registry-import.store';

/** The third step: every row checked on the server, without writing anything. */
@Component({
  selector: 'cm-import-check-step',
  imports: [MatStepperModule, MatButton, MatIcon, MatProgressBar, TranslatePipe, ErrorBannerComponent, ImportErrorsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-check-step.component.html',
  styleUrl: './registry-import.page.scss',
})
export class ImportCheckStepComponent {
  protected readonly store = inject(RegistryImportStore);
}
