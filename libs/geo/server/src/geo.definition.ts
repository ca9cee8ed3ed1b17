import { defineModule } from '@coremis/core';
import { AdminArea } from './entities/admin-area.entity';
import { AdminLevel } from './entities/admin-level.entity';
import { geoDemoSeeder } from './demo/geo-demo.seeder';
import { GeoModule, GeoWorkerModule } from './geo.module';
import { geoEn } from './i18n/geo.en';
import { geoFr } from './i18n/geo.fr';
import { geoPt } from './i18n/geo.pt';
import { GeoSchema1732500100000 } from './migrations/1732500100000-geo-schema';
import { GeoImportUpload1733300000000 } from './migrations/1733300000000-geo-import-upload';
import { GeoDeploymentLevels1796670000000 } from './migrations/1796670000000-geo-deployment-levels';
import { AreaImportUpload } from './import/area-import-upload.entity';

export const geoDefinition = defineModule({
  key: 'geo',
  dependsOn: ['core'],
  apiModule: GeoModule,
  workerModule: GeoWorkerModule,
  entities: [AdminLevel, AdminArea, AreaImportUpload],
  migrations: [GeoSchema1732500100000, GeoImportUpload1733300000000, GeoDeploymentLevels1796670000000],
  permissions: [
    { code: 'geo.areas.view', labelKey: 'geo.permissions.view' },
    { code: 'geo.areas.manage', labelKey: 'geo.permissions.manage' },
    { code: 'geo.areas.import', labelKey: 'geo.permissions.import' },
    { code: 'geo.levels.manage', labelKey: 'geo.permissions.levels' },
  ],
  menu: [
    { path: '/geo', labelKey: 'geo.menu.areas', icon: 'public', permission: 'geo.areas.view' },
    { path: '/geo/levels', labelKey: 'geo.menu.levels', icon: 'account_tree', permission: 'geo.levels.manage' },
    { path: '/geo/import', labelKey: 'geo.menu.import', icon: 'upload_file', permission: 'geo.areas.import' },
  ],
  translations: { en: geoEn, fr: geoFr, pt: geoPt },
  demo: geoDemoSeeder,
});
