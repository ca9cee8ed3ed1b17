import { defineTranslations } from '@coremis/core-web';

export const PAYMENT_TRANSLATIONS = defineTranslations({
  en: {
    approvals: { operations: { payment: { rules: { save: 'Save benefit rules' }, payrolls: { approve: 'Approve a payroll', pay: 'Send a payroll for payment' }, reconciliation: { file: 'Reconcile a payroll from a provider file' } } } },
    payment: {
      module: { title: 'Payments', description: 'Payment cycles of the programmes, by area.' },
      menu: { list: 'Payment cycles' },
      titles: { list: 'Payment cycles' },
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
    approvals: { operations: { payment: { rules: { save: 'Enregistrer des règles de prestation' }, payrolls: { approve: 'Approuver une liste de paie', pay: 'Envoyer une liste de paie en paiement' }, reconciliation: { file: 'Rapprocher une liste de paie avec le fichier d’un prestataire' } } } },
    payment: {
      module: { title: 'Paiements', description: 'Les cycles de paiement des programmes, par zone.' },
      menu: { list: 'Cycles de paiement' },
      titles: { list: 'Cycles de paiement' },
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
    approvals: { operations: { payment: { rules: { save: 'Guardar regras de benefício' }, payrolls: { approve: 'Aprovar uma folha de pagamento', pay: 'Enviar uma folha de pagamento para pagamento' }, reconciliation: { file: 'Reconciliar uma folha de pagamento com o ficheiro de um prestador' } } } },
    payment: {
      module: { title: 'Pagamentos', description: 'Os ciclos de pagamento dos programas, por área.' },
      menu: { list: 'Ciclos de pagamento' },
      titles: { list: 'Ciclos de pagamento' },
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
