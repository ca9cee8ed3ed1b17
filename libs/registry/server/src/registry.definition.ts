import { defineModule } from '@coremis/core';
import { registryDemoSeeder } from './demo/registry-demo.seeder';
import { DuplicateCandidate } from './entities/duplicate-candidate.entity';
import { Household } from './entities/household.entity';
import { ImportTemplate } from './entities/import-template.entity';
import { ImportUpload } from './entities/import-upload.entity';
import { IndividualDocument } from './entities/individual-document.entity';
import { Individual } from './entities/individual.entity';
import { Membership } from './entities/membership.entity';
import { FieldSchema, RegistrySetting } from './entities/registry-settings.entities';
import { SavedSearch } from './entities/saved-search.entity';
import { StoredFile } from './entities/stored-file.entity';
import { registryEn } from './i18n/registry.en';
import { registryFr } from './i18n/registry.fr';
import { registryPt } from './i18n/registry.pt';
import { RegistrySchema1732600000000 } from './migrations/1732600000000-registry-schema';
import { DuplicateModel1764800000000 } from './migrations/1764800000000-duplicate-model';
import { DuplicateBlockingIndexes1796660000000 } from './migrations/1796660000000-duplicate-blocking-indexes';
import { RegistryPhonesAsEntered1796680000000 } from './migrations/1796680000000-registry-phones-as-entered';
import { DuplicateNameFrequency1796700000000 } from './migrations/1796700000000-duplicate-name-frequency';
import { RegistryBulkIndexes1797100000000 } from './migrations/1797100000000-registry-bulk-indexes';
import { RegistryBulkIndexesPerTable1797200000000 } from './migrations/1797200000000-registry-bulk-indexes-per-table';
import { RegistryMembershipPersonIndex1797300000001 } from './migrations/1797300000001-registry-membership-person-index';
import { RegistryHotUpdates1797600000000 } from './migrations/1797600000000-registry-hot-updates';
import { RegistryModule, RegistryWorkerModule } from './registry.module';

export const registryDefinition = defineModule({
  key: 'registry',
  dependsOn: ['core', 'geo'],
  apiModule: RegistryModule,
  workerModule: RegistryWorkerModule,
  entities: [Household, Individual, IndividualDocument, Membership, DuplicateCandidate, FieldSchema, RegistrySetting, ImportTemplate, ImportUpload, StoredFile, SavedSearch],
  migrations: [RegistrySchema1732600000000, DuplicateModel1764800000000, DuplicateBlockingIndexes1796660000000, RegistryPhonesAsEntered1796680000000, DuplicateNameFrequency1796700000000, RegistryBulkIndexes1797100000000, RegistryBulkIndexesPerTable1797200000000, RegistryMembershipPersonIndex1797300000001, RegistryHotUpdates1797600000000],
  permissions: [
    { code: 'registry.view', labelKey: 'registry.permissions.view' },
    { code: 'registry.create', labelKey: 'registry.permissions.create' },
    { code: 'registry.edit', labelKey: 'registry.permissions.edit' },
    { code: 'registry.import', labelKey: 'registry.permissions.import' },
    { code: 'registry.duplicates.review', labelKey: 'registry.permissions.reviewDuplicates' },
    { code: 'registry.schema.manage', labelKey: 'registry.permissions.manageSchema' },
  ],
  menu: [
    { path: '/registry', labelKey: 'registry.menu.households', icon: 'home', permission: 'registry.view' },
    { path: '/registry/individuals', labelKey: 'registry.menu.individuals', icon: 'person_search', permission: 'registry.view' },
    { path: '/registry/import', labelKey: 'registry.menu.import', icon: 'upload_file', permission: 'registry.import' },
    { path: '/registry/duplicates', labelKey: 'registry.menu.duplicates', icon: 'compare_arrows', permission: 'registry.duplicates.review' },
    { path: '/registry/fields', labelKey: 'registry.menu.fields', icon: 'tune', permission: 'registry.schema.manage' },
  ],
  translations: { en: registryEn, fr: registryFr, pt: registryPt },
  demo: registryDemoSeeder,
});
