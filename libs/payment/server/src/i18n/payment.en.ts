import { providersEn } from './providers.en';

export const paymentEn = {
  errors: {
    notFound: 'This record does not exist or is outside your areas.',
    areaNotFound: 'This area does not exist or is outside your areas.',
    duplicateCode: 'Another record already uses the code "{code}".',
  },
  providers: providersEn,
  permissions: {
    view: 'Payments: view records',
    manage: 'Payments: create and edit records',
    providersManage: 'Payments: manage provider accounts and their credentials',
  },
};
