export { REGISTRY_ROUTES } from './lib/registry.routes';
export { REGISTRY_TRANSLATIONS } from './lib/registry.translations';
export { REGISTRY_IMPORT_TRANSLATIONS } from './lib/registry-import.translations';
