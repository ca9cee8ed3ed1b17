import { defineModule } from '@coremis/core';
import { programsDemoSeeder } from './demo/programs-demo.seeder';
import { Beneficiary } from './entities/beneficiary.entity';
import { BeneficiaryStatusChange } from './entities/beneficiary-status-change.entity';
import { ExitProposal } from './entities/exit-proposal.entity';
import { Program } from './entities/program.entity';
import { programsEn } from './i18n/programs.en';
import { programsFr } from './i18n/programs.fr';
import { programsPt } from './i18n/programs.pt';
import { ProgramsSchema1796399399908 } from './migrations/1796399399908-programs-schema';
import { ProgramsModule, ProgramsWorkerModule } from './programs.module';

export const programsDefinition = defineModule({
  key: 'programs',
  // beneficiaries are registry households and individuals; coverage and scope are geo areas
  dependsOn: ['core', 'geo', 'registry'],
  apiModule: ProgramsModule,
  workerModule: ProgramsWorkerModule,
  entities: [Program, Beneficiary, BeneficiaryStatusChange, ExitProposal],
  migrations: [ProgramsSchema1796399399908],
  permissions: [
    { code: 'programs.view', labelKey: 'programs.permissions.view', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'programs.manage', labelKey: 'programs.permissions.manage', demoRoles: ['programme_officer'] },
    { code: 'programs.beneficiaries.manage', labelKey: 'programs.permissions.beneficiariesManage', demoRoles: ['programme_officer'] },
    { code: 'programs.beneficiaries.bulk', labelKey: 'programs.permissions.bulk' },
  ],
  menu: [{ path: '/programs', labelKey: 'programs.menu.list', icon: 'volunteer_activism', permission: 'programs.view' }],
  translations: { en: programsEn, fr: programsFr, pt: programsPt },
  demo: programsDemoSeeder,
});
