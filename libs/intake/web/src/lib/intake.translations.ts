import { defineTranslations } from '@coremis/core-web';

export const INTAKE_TRANSLATIONS = defineTranslations({
  en: {
    intake: {
      module: { title: 'Field intake', description: 'The connectors of the programme, by area.' },
      menu: { list: 'Field intake' },
      titles: { list: 'Field intake' },
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
    intake: {
      module: { title: 'Field intake', description: 'Les fiches « connectors » du programme, par zone.' },
      menu: { list: 'Field intake' },
      titles: { list: 'Field intake' },
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
    intake: {
      module: { title: 'Field intake', description: 'Os registos «connectors» do programa, por área.' },
      menu: { list: 'Field intake' },
      titles: { list: 'Field intake' },
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
