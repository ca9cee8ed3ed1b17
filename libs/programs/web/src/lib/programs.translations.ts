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
        unit: 'Enrols',
        period: 'Period',
        status: 'Status',
        empty: 'No programme',
        emptyHint: 'No programme matches, or none covers your areas.',
      },
      units: { HOUSEHOLD: 'Households', INDIVIDUAL: 'Individuals' },
      statuses: { DRAFT: 'Draft', ACTIVE: 'Active', CLOSED: 'Closed' },
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
        unit: 'Inscrit',
        period: 'Période',
        status: 'Statut',
        empty: 'Aucun programme',
        emptyHint: 'Aucun programme ne correspond, ou aucun ne couvre vos zones.',
      },
      units: { HOUSEHOLD: 'Des ménages', INDIVIDUAL: 'Des personnes' },
      statuses: { DRAFT: 'Brouillon', ACTIVE: 'Actif', CLOSED: 'Clôturé' },
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
        unit: 'Inscreve',
        period: 'Período',
        status: 'Estado',
        empty: 'Nenhum programa',
        emptyHint: 'Nenhum programa corresponde, ou nenhum cobre as suas áreas.',
      },
      units: { HOUSEHOLD: 'Agregados', INDIVIDUAL: 'Pessoas' },
      statuses: { DRAFT: 'Rascunho', ACTIVE: 'Ativo', CLOSED: 'Encerrado' },
    },
  },
});
