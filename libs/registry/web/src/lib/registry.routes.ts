import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

/** Mounted by the application under `/registry` when the API reports the `registry` module as enabled. */
export const REGISTRY_ROUTES: Routes = [
  {
    path: '',
    children: [
      {
        path: '',
        pathMatch: 'full',
        canActivate: [hasPermission('registry.view')],
        loadComponent: () => import('./households/household-list.page').then((m) => m.HouseholdListPage),
        title: 'registry.titles.households',
      },
      {
        path: 'households/:id',
        canActivate: [hasPermission('registry.view')],
        loadComponent: () => import('./households/household.page').then((m) => m.HouseholdPage),
        title: 'registry.titles.household',
      },
      {
        path: 'individuals',
        canActivate: [hasPermission('registry.view')],
        loadComponent: () => import('./individuals/individual-list.page').then((m) => m.IndividualListPage),
        title: 'registry.titles.individuals',
      },
      {
        path: 'individuals/:id',
        canActivate: [hasPermission('registry.view')],
        loadComponent: () => import('./individuals/individual.page').then((m) => m.IndividualPage),
        title: 'registry.titles.individual',
      },
      {
        path: 'fields',
        canActivate: [hasPermission('registry.schema.manage')],
        loadComponent: () => import('./fields/field-schema.page').then((m) => m.FieldSchemaPage),
        title: 'registry.titles.fields',
      },
      {
        path: 'import',
        canActivate: [hasPermission('registry.import')],
        loadComponent: () => import('./import/registry-import.page').then((m) => m.RegistryImportPage),
        title: 'registry.titles.import',
      },
      {
        path: 'duplicates',
        canActivate: [hasPermission('registry.duplicates.review')],
        loadComponent: () => import('./duplicates/duplicate-review.page').then((m) => m.DuplicateReviewPage),
        title: 'registry.titles.duplicates',
      },
    ],
  },
];
