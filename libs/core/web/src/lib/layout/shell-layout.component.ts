import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatStepperIntl } from '@angular/material/stepper';
import { MatToolbar } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { UserMenuComponent } from '../auth/user-menu.component';
import { TranslatedStepperIntl } from '../i18n/translated-stepper-intl';
import { PRODUCT_NAME } from '../i18n/translated-title.strategy';
import { EnabledModulesService } from '../modules/enabled-modules.service';
import { LanguageSwitcherComponent } from './language-switcher.component';
import { NavMenuComponent } from './nav-menu.component';

/** Below this width (tablets in portrait, phones) the navigation becomes an overlay drawer. */
const COMPACT_LAYOUT_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'cm-shell-layout',
  imports: [
    MatToolbar,
    MatSidenavModule,
    MatIconButton,
    MatIcon,
    RouterLink,
    RouterOutlet,
    TranslatePipe,
    LanguageSwitcherComponent,
    NavMenuComponent,
    UserMenuComponent,
  ],
  // Material's labels in the interface language, for every page of the signed-in application (provided
  // here rather than at the root so that the sign-in page does not load the paginator and stepper)
  providers: [
    { provide: MatStepperIntl, useClass: TranslatedStepperIntl },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell-layout.component.html',
  styleUrl: './shell-layout.component.scss',
})
export class ShellLayoutComponent implements OnInit {
  private readonly modules = inject(EnabledModulesService);
  protected readonly productName = PRODUCT_NAME;
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(COMPACT_LAYOUT_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  ngOnInit(): void {
    this.modules.load().catch(() => undefined); // the navigation shows the error
  }
}
