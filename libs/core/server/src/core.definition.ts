import { CoreApiModule } from './core.module';
import { CoreFoundation1732500000000 } from './database/migrations/1732500000000-core-foundation';
import { coreEn } from './i18n/translations/core.en';
import { coreFr } from './i18n/translations/core.fr';
import { corePt } from './i18n/translations/core.pt';
import { defineModule } from './modules/module-definition';
import { Job } from './queue/job.entity';

export const coreDefinition = defineModule({
  key: 'core',
  dependsOn: [],
  apiModule: CoreApiModule,
  entities: [Job],
  migrations: [CoreFoundation1732500000000],
  permissions: [
    { code: 'core.jobs.view', labelKey: 'core.permissions.jobsView' },
    { code: 'core.jobs.cancel', labelKey: 'core.permissions.jobsCancel' },
  ],
  menu: [],
  translations: { en: coreEn, fr: coreFr, pt: corePt },
});
