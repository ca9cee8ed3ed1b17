import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ImportErrorsComponent } from './import-errors.component';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatStepperModule } from '@angular/material/stepper';
import { RouterLink } from '@angular/router';
import { ErrorBannerComponent, NoticeBannerComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { RegistryImportStore } from './registry-import.store';

/** The last step: the import itself, with live progress, and its report. */
@Component({
  selector: 'cm-import-run-step',
  imports: [MatStepperModule, MatCardModule, MatButton, MatIcon, MatRadioModule, MatCheckbox, MatProgressBar, RouterLink, TranslatePipe, ErrorBannerComponent, NoticeBannerComponent, ImportErrorsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-run-step.component.html',
  styleUrl: './registry-import.page.scss',
})
export class ImportRunStepComponent {
  protected readonly store = inject(RegistryImportStore);
}
