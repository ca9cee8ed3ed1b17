import { ChangeDetectionStrategy, Component, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent, ErrorBannerComponent, LanguageService, LoadingIndicatorComponent, formatDay } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { HouseholdProgramme } from '../data/program.queries';
import { ProgramService } from '../data/program.service';
import { programName } from '../ui/program-format';

/** The Programmes tab of a household: its programmes (and its members'), each status with its history. */
@Component({
  selector: 'cm-programs-household-programmes-tab',
  imports: [RouterLink, TranslatePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './household-programmes-tab.component.html',
  styleUrl: './household-programmes-tab.component.scss',
})
export class HouseholdProgrammesTabComponent {
  private readonly service = inject(ProgramService);
  protected readonly lang = inject(LanguageService).current;

  /** The household's id. */
  readonly recordId = input.required<string>();
  protected readonly programmes = resource({ params: () => ({ id: this.recordId() }), loader: ({ params }) => this.service.householdProgrammes(params.id) });

  protected name(b: HouseholdProgramme): string {
    return b.program ? programName(b.program, this.lang()) : '—';
  }

  protected day(value: string | null | undefined): string {
    return formatDay(value, this.lang()) || '—';
  }
}
