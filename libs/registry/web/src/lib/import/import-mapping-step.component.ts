import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatStepperModule } from '@angular/material/stepper';
import { MatTooltip } from '@angular/material/tooltip';
import { ErrorBannerComponent, NoticeBannerComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { ImportValuesComponent } from './import-values.component';
import { RegistryImportStore } from './registry-import.store';

/** The second step: which column of the files holds which field, with saved mapping templates. */
@Component({
  selector: 'cm-import-mapping-step',
  imports: [MatStepperModule, MatButton, MatIconButton, MatIcon, MatFormFieldModule, MatSelectModule, MatInput, MatTooltip, TranslatePipe, ErrorBannerComponent, NoticeBannerComponent, ImportValuesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-mapping-step.component.html',
  styleUrl: './registry-import.page.scss',
})
export class ImportMappingStepComponent {
  protected readonly store = inject(RegistryImportStore);
}
