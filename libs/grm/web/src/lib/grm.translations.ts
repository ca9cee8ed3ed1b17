import { defineTranslations } from '@coremis/core-web';

export const GRM_TRANSLATIONS = defineTranslations({
  en: {
    grm: {
      module: { title: 'Grievances', description: 'The tickets of the programme, by area.' },
      menu: { list: 'Grievances' },
      titles: { list: 'Grievances' },
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
    grm: {
      module: { title: 'Grievances', description: 'Les fiches « tickets » du programme, par zone.' },
      menu: { list: 'Grievances' },
      titles: { list: 'Grievances' },
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
    grm: {
      module: { title: 'Grievances', description: 'Os registos «tickets» do programa, por área.' },
      menu: { list: 'Grievances' },
      titles: { list: 'Grievances' },
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
