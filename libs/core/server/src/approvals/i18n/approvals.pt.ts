import type { approvalsEn } from './approvals.en';

export const approvalsPt: typeof approvalsEn = {
  messages: {
    sentForApproval: 'Enviado para aprovação: a alteração será feita quando for aprovada.',
  },
  errors: {
    notAuthenticated: 'Inicie sessão para tratar pedidos de aprovação.',
    notFound: 'Este pedido de aprovação não existe.',
    notPending: 'Este pedido já não aguarda uma decisão (estado: {status}).',
    ownOperation: 'Não pode decidir sobre o seu próprio pedido: outra pessoa tem de o aprovar.',
    roleRequired: 'Só um utilizador com uma destas funções pode decidir nesta etapa: {roles}.',
    alreadyDecided: 'Já tomou uma decisão nesta etapa do pedido.',
    notMaker: 'Só a pessoa que fez o pedido o pode cancelar.',
    reasonRequired: 'Indique o motivo da rejeição (de {min} a {max} caracteres).',
    unknownOperation: 'A operação «{operation}» não pode ser sujeita a aprovação.',
    noFlow: 'Não há nenhum circuito de aprovação ativo para a operação «{operation}».',
    operationUnavailable: 'A operação «{operation}» já não está disponível nesta instalação; o pedido não foi executado.',
    payloadTampered: 'O pedido guardado foi alterado depois de ter sido feito, por isso não foi executado.',
    executionFailed: 'A operação falhou no servidor. Indique esta referência ao suporte: {reference}.',
    makerInactive: 'A pessoa que fez o pedido já não pode agir (a conta está desativada), por isso não foi executado.',
    makerPermissionLost: 'A pessoa que fez o pedido já não tem a permissão necessária ({permissions}), por isso não foi executado.',
    approvedEarlierLevel: 'Já aprovou uma etapa anterior deste pedido: outra pessoa tem de aprovar esta.',
    interrupted: 'O servidor parou durante a execução desta operação. Verifique os seus efeitos antes de refazer o pedido.',
    levelsRequired: 'Adicione entre 1 e {max} níveis de aprovação.',
    rolesRequired: 'Indique pelo menos uma função para este nível.',
    duplicateRole: 'A função «{role}» aparece duas vezes.',
    requiredMissing: 'Indique o número de aprovações necessárias (de 1 a {max}).',
    requiredOnlyForN: 'Um número de aprovações só se aplica à regra «N de entre eles».',
  },
  permissions: {
    view: 'Ver pedidos de aprovação e retirar os próprios',
    decide: 'Aprovar ou rejeitar pedidos',
    configure: 'Configurar circuitos de aprovação',
  },
};
