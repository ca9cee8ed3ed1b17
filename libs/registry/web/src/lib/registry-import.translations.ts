import { defineTranslations } from '@coremis/core-web';

/** The import wizard and the duplicate review. */
export const REGISTRY_IMPORT_TRANSLATIONS = defineTranslations({
  en: { registry: { import: { title: 'Import households' }, duplicates: { title: 'Duplicates' } } },
  fr: { registry: { import: { title: 'Importer des ménages' }, duplicates: { title: 'Doublons' } } },
  pt: { registry: { import: { title: 'Importar agregados' }, duplicates: { title: 'Duplicados' } } },
});
