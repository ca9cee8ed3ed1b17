import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { MenuService } from '../layout/menu.service';
import { EnabledModulesService } from '../modules/enabled-modules.service';
import { EmptyStateComponent } from '../ui/empty-state.component';
import { ErrorBannerComponent } from '../ui/error-banner.component';
import { LoadingIndicatorComponent } from '../ui/loading-indicator.component';

@Component({
  selector: 'cm-home-page',
  imports: [
    MatCardModule,
    MatButton,
    MatIcon,
    RouterLink,
    TranslatePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home.page.html',
  styleUrl: './home.page.scss',
})
export class HomePage {
  protected readonly modules = inject(EnabledModulesService);
  protected readonly menu = inject(MenuService);
}
