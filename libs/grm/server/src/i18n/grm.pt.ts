import type { grmEn } from './grm.en';

export const grmPt: typeof grmEn = {
  errors: {
    notFound: 'Este pedido não existe ou está fora das suas zonas.',
    areaNotFound: 'Esta zona não existe ou está fora das suas zonas.',
    categoryNotFound: 'Esta categoria não existe.',
    userNotFound: 'Este utilizador não existe.',
    householdNotFound: 'Este agregado não existe ou está fora das suas zonas.',
    individualNotFound: 'Esta pessoa não existe ou está fora das suas zonas.',
    programNotFound: 'Este programa não existe.',
    moduleDisabled: 'O módulo «{module}» não está ativo nesta implantação.',
    duplicateCode: 'Outra categoria já usa o código «{code}».',
    transitionNotAllowed: 'Um pedido não pode passar de {from} para {to}.',
    resolutionRequired: 'Escreva a resposta dada ao reclamante para resolver o pedido.',
    referenceExhausted: 'Não foi encontrada nenhuma referência livre; tente novamente.',
    tooManySubmissions: 'Demasiados envios a partir deste endereço. Tente novamente dentro de {seconds} segundo(s).',
  },
  exports: {
    reference: 'Referência',
    receivedAt: 'Recebido',
    channel: 'Canal',
    status: 'Estado',
    priority: 'Prioridade',
    dueAt: 'Prazo de resolução',
    escalatedAt: 'Escalado',
    description: 'Descrição',
  },
  permissions: {
    view: 'Reclamações: ver pedidos',
    manage: 'Reclamações: registar, atribuir, comentar e resolver pedidos',
    sensitiveView: 'Reclamações: ver pedidos de categorias sensíveis',
    identityView: 'Reclamações: ver reclamantes que pediram anonimato',
    supervise: 'Reclamações: executar a escalada de pedidos em atraso',
    categoriesManage: 'Reclamações: configurar categorias e regras de atribuição',
  },
};
