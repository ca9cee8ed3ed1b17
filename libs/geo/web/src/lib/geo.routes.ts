import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

const loadBrowser = () => import('./browser/geo-browser.page').then((m) => m.GeoBrowserPage);

/** Mounted by the application under `/geo` when the API reports the `geo` module as enabled. */
export const GEO_ROUTES: Routes = [
  {
    path: '',
    canActivateChild: [hasPermission('geo.areas.view')],
    children: [
      { path: '', pathMatch: 'full', loadComponent: loadBrowser, title: 'geo.titles.browser' },
      { path: 'area/:id', loadComponent: loadBrowser, title: 'geo.titles.browser' },
      {
        path: 'levels',
        canActivate: [hasPermission('geo.levels.manage')],
        loadComponent: () => import('./levels/admin-levels.page').then((m) => m.AdminLevelsPage),
        title: 'geo.titles.levels',
      },
      {
        path: 'import',
        canActivate: [hasPermission('geo.areas.import')],
        loadComponent: () => import('./import/geo-import.page').then((m) => m.GeoImportPage),
        title: 'geo.titles.import',
      },
    ],
  },
];
