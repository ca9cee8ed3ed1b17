import { defineTranslations } from '@coremis/core-web';

/** Households, individuals and extra fields (the import wizard and duplicate review have their own file). */
export const REGISTRY_TRANSLATIONS = defineTranslations({
  en: {
    registry: {
      module: { title: 'Registry', description: 'Households and the people in them: registration, search, history.' },
      menu: { households: 'Households', individuals: 'Individuals', import: 'Import', duplicates: 'Duplicates', fields: 'Extra fields' },
      titles: { households: 'Households', household: 'Household', individuals: 'Individuals', individual: 'Individual', fields: 'Extra fields', import: 'Import households', duplicates: 'Duplicates' },
    },
  },
  fr: {
    registry: {
      module: { title: 'Registre', description: 'Les ménages et leurs membres : enregistrement, recherche, historique.' },
      menu: { households: 'Ménages', individuals: 'Personnes', import: 'Import', duplicates: 'Doublons', fields: 'Champs supplémentaires' },
      titles: { households: 'Ménages', household: 'Ménage', individuals: 'Personnes', individual: 'Personne', fields: 'Champs supplémentaires', import: 'Importer des ménages', duplicates: 'Doublons' },
    },
  },
  pt: {
    registry: {
      module: { title: 'Registo', description: 'Os agregados e as pessoas que os compõem: registo, pesquisa, histórico.' },
      menu: { households: 'Agregados', individuals: 'Pessoas', import: 'Importação', duplicates: 'Duplicados', fields: 'Campos adicionais' },
      titles: { households: 'Agregados', household: 'Agregado', individuals: 'Pessoas', individual: 'Pessoa', fields: 'Campos adicionais', import: 'Importar agregados', duplicates: 'Duplicados' },
    },
  },
});
