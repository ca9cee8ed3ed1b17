import { defineTranslations } from '@coremis/core-web';

export const TARGETING_TRANSLATIONS = defineTranslations({
  en: {
    targeting: {
      module: { title: 'Targeting', description: 'The formulas of the programme, by area.' },
      menu: { list: 'Targeting' },
      titles: { list: 'Targeting' },
      list: {
        search: 'Search by code or name',
        code: 'Code',
        name: 'Name',
        count: '{{count}} record(s)',
        empty: 'Nothing to show',
        emptyHint: 'No record matches, or none is in your areas.',
        previous: 'Previous page',
        next: 'Next page',
      },
    },
  },
  fr: {
    targeting: {
      module: { title: 'Targeting', description: 'Les fiches « formulas » du programme, par zone.' },
      menu: { list: 'Targeting' },
      titles: { list: 'Targeting' },
      list: {
        search: 'Rechercher par code ou nom',
        code: 'Code',
        name: 'Nom',
        count: '{{count}} fiche(s)',
        empty: 'Rien à afficher',
        emptyHint: 'Aucune fiche ne correspond, ou aucune n’est dans vos zones.',
        previous: 'Page précédente',
        next: 'Page suivante',
      },
    },
  },
  pt: {
    targeting: {
      module: { title: 'Targeting', description: 'Os registos «formulas» do programa, por área.' },
      menu: { list: 'Targeting' },
      titles: { list: 'Targeting' },
      list: {
        search: 'Pesquisar por código ou nome',
        code: 'Código',
        name: 'Nome',
        count: '{{count}} registo(s)',
        empty: 'Nada a mostrar',
        emptyHint: 'Nenhum registo corresponde, ou nenhum está nas suas áreas.',
        previous: 'Página anterior',
        next: 'Página seguinte',
      },
    },
  },
});
