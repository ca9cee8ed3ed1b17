export const intakeEn = {
  errors: {
    notFound: 'This record does not exist or is outside your areas.',
    areaNotFound: 'This area does not exist or is outside your areas.',
    duplicateCode: 'Another record already uses the code "{code}".',
  },
  permissions: {
    view: 'Field intake: view records',
    manage: 'Field intake: create and edit records',
  },
};
