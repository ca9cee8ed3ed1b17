export const goodsPt = {
  errors: {
    itemNotFound: 'Este artigo não existe no catálogo ou está inativo.',
    itemTwice: 'Um artigo aparece duas vezes nas regras.',
    quantityPositive: 'A quantidade deve ser maior que zero.',
    reasonRequired: 'Um ajuste precisa de um motivo.',
    noRules: 'O programa ainda não tem regras de bens: guarde-as primeiro.',
    cycleHasDistribution: 'Este ciclo já tem uma distribuição de bens.',
    generationRunning: 'Os direitos da distribuição ainda estão a ser gerados.',
    distributionNotFound: 'Esta distribuição de bens não existe ou está fora das suas áreas.',
    entitlementNotFound: 'Este direito não existe ou está fora das suas áreas.',
    empty: 'A distribuição não tem nenhum direito a aprovar.',
    stockNegative: 'O stock não pode ficar abaixo de zero ({available} em stock).',
  },
};

export const agentPt = {
  errors: {
    badCursor: 'Este cursor não foi fornecido por este servidor.',
    photoNotFound: 'Nenhuma foto desta pessoa para os seus pontos de pagamento.',
  },
  conflicts: {
    ALREADY_PAID: 'Já pago ou entregue.',
    CANCELLED: 'Esta linha foi cancelada.',
    NOT_ASSIGNED: 'Esta linha não está atribuída ao seu ponto de pagamento.',
    NOT_PAYABLE: 'Esta linha não aguarda pagamento nem entrega.',
    OUT_OF_STOCK: 'Stock insuficiente no ponto de pagamento.',
    AMOUNT_MISMATCH: 'O montante difere do da linha.',
    CLIENT_ID_REUSED: 'Este identificador de cliente já foi usado para outra entrega.',
    INVALID_PHOTO: 'A foto deve ser uma imagem JPEG, PNG ou WebP de 512 KB no máximo.',
    DELIVERED_BEFORE_SUBMISSION: 'A hora da entrega é anterior ao envio deste pagamento ao ponto de pagamento: verifique a data e a hora do dispositivo.',
    DELIVERED_IN_FUTURE: 'A hora da entrega está no futuro: verifique a data e a hora do dispositivo.',
  },
};
