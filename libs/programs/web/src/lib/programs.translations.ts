import { defineTranslations } from '@coremis/core-web';

export const PROGRAMS_TRANSLATIONS = defineTranslations({
  en: {
    approvals: { operations: { programs: { beneficiaries: { bulk: "Change beneficiaries' statuses in bulk", changeStatus: "Change a beneficiary's status", enrol: 'Enrol a beneficiary', import: 'Enrol households from a list of codes' }, exits: { decide: 'Decide proposed exits' }, programs: { activate: 'Activate a programme', close: 'Close a programme' } } } },
    programs: {
      module: { title: 'Programmes', description: 'Social-protection programmes, their beneficiaries and their coverage areas.' },
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
    approvals: { operations: { programs: { beneficiaries: { bulk: 'Changer le statut de bénéficiaires en masse', changeStatus: 'Changer le statut d’un bénéficiaire', enrol: 'Inscrire un bénéficiaire', import: 'Inscrire des ménages depuis une liste de codes' }, exits: { decide: 'Décider des sorties proposées' }, programs: { activate: 'Activer un programme', close: 'Clôturer un programme' } } } },
    programs: {
      module: { title: 'Programmes', description: 'Les programmes de protection sociale, leurs bénéficiaires et leurs zones de couverture.' },
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
    approvals: { operations: { programs: { beneficiaries: { bulk: 'Alterar o estado de beneficiários em massa', changeStatus: 'Alterar o estado de um beneficiário', enrol: 'Inscrever um beneficiário', import: 'Inscrever agregados a partir de uma lista de códigos' }, exits: { decide: 'Decidir as saídas propostas' }, programs: { activate: 'Ativar um programa', close: 'Encerrar um programa' } } } },
    programs: {
      module: { title: 'Programas', description: 'Os programas de proteção social, os seus beneficiários e as suas áreas de cobertura.' },
      menu: { list: 'Programas' },
      titles: { list: 'Programas' },
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
