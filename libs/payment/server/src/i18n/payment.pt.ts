import { reportsPt } from './reports.pt';
import type { paymentEn } from './payment.en';
import { providersPt } from './providers.pt';

export const paymentPt: typeof paymentEn = {
  errors: {
    notFound: 'Este registo não existe ou está fora das suas áreas.',
    areaNotFound: 'Esta área não existe ou está fora das suas áreas.',
    duplicateCode: 'Outro registo já usa o código "{code}".',
    programNotFound: 'Este programa não existe ou está fora das suas áreas.',
    cycleNotFound: 'Este ciclo de pagamento não existe ou está fora das suas áreas.',
    payrollNotFound: 'Esta folha de pagamento não existe ou está fora das suas áreas.',
    lineNotFound: 'Esta linha de pagamento não existe ou está fora das suas áreas.',
    paymentPointNotFound: 'Este ponto de pagamento não existe ou está fora das suas áreas.',
    beneficiaryNotFound: 'Alguns beneficiários não existem ou estão fora das suas áreas.',
    noBenefitRules: 'O programa ainda não tem regras de benefício: guarde-as primeiro.',
    amountPositive: 'O montante deve ser maior que zero.',
    payrollNotEditable: 'A folha de pagamento está {status}: já não pode mudar.',
    transitionNotAllowed: 'Uma folha de pagamento não pode passar de {from} para {to}.',
    flaggedLinesLeft: '{count} linha(s) assinalada(s) ainda precisam de revisão (libertar ou cancelar).',
    emptyPayroll: 'A folha de pagamento não tem linhas a pagar.',
    generationRunning: 'A folha de pagamento ainda está a ser gerada.',
    linesNotDecidable: 'Apenas {allowed} das {requested} linhas podiam receber esta decisão: recarregue a lista.',
    followUpNotAllowed: 'Uma folha de seguimento precisa de uma folha em pagamento (esta está {status}).',
    nothingToCarry: 'Não resta nenhuma linha falhada para levar a uma folha de seguimento.',
    providerUnavailable: 'Nenhum prestador de pagamento "{kind}" está configurado.',
    notCashLine: 'Esta linha é paga por um prestador, não em numerário.',
    deliveryRefused: 'Esta entrega não pode ser registada: a linha não espera numerário ou o montante difere.',
    notInPayment: 'A folha de pagamento está {status}: só uma folha em pagamento pode ser reconciliada.',
    missingColumn: 'O ficheiro não tem a coluna "{column}".',
  },
  providers: providersPt,
  reports: reportsPt,
  permissions: {
    view: 'Pagamentos: ver ciclos, folhas de pagamento e relatórios',
    manage: 'Pagamentos: criar ciclos, regras de benefício e folhas de pagamento',
    review: 'Pagamentos: libertar ou cancelar linhas assinaladas',
    approve: 'Pagamentos: aprovar ou rejeitar folhas de pagamento',
    pay: 'Pagamentos: enviar folhas aprovadas para pagamento',
    deliver: 'Pagamentos: registar entregas de numerário nos pontos de pagamento',
    pointsManage: 'Pagamentos: gerir pontos de pagamento',
    providersManage: 'Pagamentos: gerir as contas de prestadores e as suas credenciais',
  },
};
