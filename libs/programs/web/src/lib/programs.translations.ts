import { defineTranslations } from '@coremis/core-web';

export const PROGRAMS_TRANSLATIONS = defineTranslations({
  en: {
    programs: {
      module: { title: 'Programmes', description: 'The programs of the programme, by area.' },
      menu: { list: 'Programmes' },
      titles: { list: 'Programmes' },
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
    programs: {
      module: { title: 'Programmes', description: 'Les fiches « programs » du programme, par zone.' },
      menu: { list: 'Programmes' },
      titles: { list: 'Programmes' },
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
    programs: {
      module: { title: 'Programmes', description: 'Os registos «programs» do programa, por área.' },
      menu: { list: 'Programmes' },
      titles: { list: 'Programmes' },
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
