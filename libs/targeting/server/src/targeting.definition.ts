import { defineModule } from '@coremis/core';
import { AreaCoefficientSet } from './entities/area-coefficient.entity';
import { EnrolmentRun } from './entities/enrolment-run.entity';
import { Formula, FormulaVersion } from './entities/formula.entity';
import { targetingEn } from './i18n/targeting.en';
import { targetingFr } from './i18n/targeting.fr';
import { targetingPt } from './i18n/targeting.pt';
import { TargetingSchema1796400874929 } from './migrations/1796400874929-targeting-schema';
import { TargetingScoringEnrolment1796500000000 } from './migrations/1796500000000-targeting-scoring-enrolment';
import { TargetingWorkflow1796650000000 } from './migrations/1796650000000-targeting-workflow';
import { TargetingFormulaCriteria1796900000000 } from './migrations/1796900000000-targeting-formula-criteria';
import { TargetingDurableRuns1797200000000 } from './migrations/1797200000000-targeting-durable-runs';
import { TargetingRound, WorkflowVersion } from './entities/workflow.entity';
import { TargetingModule, TargetingWorkerModule } from './targeting.module';

export const targetingDefinition = defineModule({
  key: 'targeting',
  // formulas read the registry's households and members; enrolment changes the programmes' beneficiaries
  dependsOn: ['core', 'geo', 'registry', 'programs'],
  apiModule: TargetingModule,
  workerModule: TargetingWorkerModule,
  entities: [Formula, FormulaVersion, EnrolmentRun, AreaCoefficientSet, WorkflowVersion, TargetingRound],
  migrations: [TargetingSchema1796400874929, TargetingScoringEnrolment1796500000000, TargetingWorkflow1796650000000, TargetingFormulaCriteria1796900000000, TargetingDurableRuns1797200000000],
  permissions: [
    { code: 'targeting.view', labelKey: 'targeting.permissions.view', demoRoles: ['programme_officer', 'district_officer'] },
    { code: 'targeting.manage', labelKey: 'targeting.permissions.manage', demoRoles: ['programme_officer'] },
    { code: 'targeting.enrol', labelKey: 'targeting.permissions.enrol', demoRoles: ['programme_officer'] },
    { code: 'targeting.validate', labelKey: 'targeting.permissions.validate', demoRoles: ['programme_officer', 'district_officer'] },
  ],
  menu: [
    { path: '/targeting', labelKey: 'targeting.menu.list', icon: 'list_alt', permission: 'targeting.view' },
    { path: '/targeting/enrolment', labelKey: 'targeting.menu.enrolment', icon: 'how_to_reg', permission: 'targeting.view' },
  ],
  translations: { en: targetingEn, fr: targetingFr, pt: targetingPt },
});
