export { GEO_ROUTES } from './lib/geo.routes';
export { GEO_TRANSLATIONS } from './lib/geo.translations';
export { GEO_APPROVAL_DETAILS } from './lib/approval-details';
