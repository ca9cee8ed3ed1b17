import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../i18n/language.service';
import { SupportedLanguage } from '../i18n/translation-bundle';

@Component({
  selector: 'cm-language-switcher',
  imports: [MatButtonToggleGroup, MatButtonToggle, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      hideSingleSelectionIndicator
      [value]="language.current()"
      (change)="select($event.value)"
      [attr.aria-label]="'core.layout.language' | translate"
      data-testid="language-switcher"
    >
      @for (option of language.options; track option.code) {
        <mat-button-toggle
          [value]="option.code"
          [attr.lang]="option.code"
          [aria-label]="option.nativeName"
          [attr.title]="option.nativeName"
          [attr.data-testid]="'lang-' + option.code"
        >
          {{ option.code.toUpperCase() }}
        </mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
  styles: `
    mat-button-toggle-group {
      --mat-button-toggle-height: 36px;
      --mat-button-toggle-shape: 18px;
      --mat-button-toggle-label-text-weight: 500;
    }
  `,
})
export class LanguageSwitcherComponent {
  protected readonly language = inject(LanguageService);

  protected select(lang: SupportedLanguage): void {
    void this.language.use(lang);
  }
}
