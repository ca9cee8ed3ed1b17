import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { TranslatePipe } from '@ngx-translate/core';
import { ImportCheckStepComponent } from './import-check-step.component';
import { ImportMappingStepComponent } from './import-mapping-step.component';
import { ImportRunStepComponent } from './import-run-step.component';
import { ImportUploadStepComponent } from './import-upload-step.component';
import { RegistryImportStore } from './registry-import.store';

/**
 * Imports households and their members from CSV or XLSX files, in four steps: upload, map the
 * columns to fields, check every row on the server, then import with a live progress bar. Each step
 * is a component; they share the page's `RegistryImportStore`.
 */
@Component({
  selector: 'cm-registry-import-page',
  imports: [MatStepperModule, TranslatePipe, ImportUploadStepComponent, ImportMappingStepComponent, ImportCheckStepComponent, ImportRunStepComponent],
  providers: [RegistryImportStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './registry-import.page.html',
  styleUrl: './registry-import.page.scss',
})
export class RegistryImportPage {
  protected readonly store = inject(RegistryImportStore);
  private readonly stepper = viewChild.required<MatStepper>('stepper');

  constructor() {
    this.store.useStepper(() => this.stepper());
  }
}
