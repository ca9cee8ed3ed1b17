export const grmEn = {
  errors: {
    notFound: 'This record does not exist or is outside your areas.',
    areaNotFound: 'This area does not exist or is outside your areas.',
    duplicateCode: 'Another record already uses the code "{code}".',
  },
  permissions: {
    view: 'Grievances: view records',
    manage: 'Grievances: create and edit records',
  },
};
