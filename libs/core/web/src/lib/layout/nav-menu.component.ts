import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIcon } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, map } from 'rxjs';
import { EnabledModulesService } from '../modules/enabled-modules.service';
import { MenuService } from './menu.service';
import { ErrorBannerComponent } from '../ui/error-banner.component';

/** Side navigation: the menus of the enabled modules and the platform's screens the person may use. */
@Component({
  selector: 'cm-nav-menu',
  imports: [MatListModule, MatIcon, RouterLink, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './nav-menu.component.html',
  styleUrl: './nav-menu.component.scss',
})
export class NavMenuComponent {
  protected readonly modules = inject(EnabledModulesService);
  protected readonly menu = inject(MenuService);
  private readonly router = inject(Router);
  readonly navigated = output<void>();

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  /** The single entry whose path is the longest prefix of the current URL: `/geo/import` beats `/geo`. */
  protected readonly activePath = computed(() => {
    const path = this.url().split(/[?#]/)[0];
    const candidates = this.menu
      .paths()
      .filter((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
    return path === '/' ? '/' : candidates.sort((a, b) => b.length - a.length)[0];
  });
}
