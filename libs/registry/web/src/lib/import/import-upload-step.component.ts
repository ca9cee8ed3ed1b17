import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { MatStepperModule } from '@angular/material/stepper';
import { ErrorBannerComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { RegistryImportStore } from './registry-import.store';

/** The first step: the layout (one file or two) and the files, uploaded as they are chosen. */
@Component({
  selector: 'cm-import-upload-step',
  imports: [MatStepperModule, MatCardModule, MatButton, MatIcon, MatRadioModule, MatProgressBar, MatProgressSpinner, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-upload-step.component.html',
  styleUrl: './registry-import.page.scss',
})
export class ImportUploadStepComponent {
  protected readonly store = inject(RegistryImportStore);
}
