import type { programsEn } from './programs.en';

export const programsPt: typeof programsEn = {
  errors: {
    programNotFound: 'Este programa não existe ou está fora das suas áreas.',
    beneficiaryNotFound: 'Este beneficiário não existe ou está fora das suas áreas.',
    areaNotFound: 'Esta área não existe ou está fora das suas áreas.',
    duplicateCode: 'Outro programa já usa o código "{code}".',
    currencyRequired: 'Um orçamento precisa de uma moeda.',
    endBeforeStart: 'A data de fim é anterior à data de início.',
    targetUnitLocked: 'A unidade-alvo não pode mudar depois de o programa ter beneficiários.',
    programClosed: 'O programa {code} está encerrado: já não pode mudar.',
    programTransition: 'Um programa não pode passar de {from} para {to}.',
    programNotActive: 'O programa {code} não está ativo: os seus beneficiários não podem mudar.',
    unknownStatus: 'Estado de beneficiário desconhecido "{status}".',
    unknownReason: 'Motivo desconhecido "{reason}".',
    transitionNotAllowed: 'Um beneficiário não pode passar de {from} para {to}.',
    newBeneficiaryStatus: 'Um novo beneficiário só pode começar como {allowed}.',
    alreadyBeneficiary: 'Este agregado ou pessoa já está no programa (estado {status}).',
    subjectNotFound: 'Este agregado ou pessoa não existe ou está fora das suas áreas.',
    notCovered: 'Este agregado está fora da cobertura do programa.',
    wrongSubject: 'Este programa inscreve {unit}: indique um(a) {unit}.',
    unknownCodes: '{count} código(s) não correspondem a nenhum agregado das suas áreas e da cobertura do programa: {codes}.',
    codesNeedHouseholdProgramme: 'Códigos de agregado só podem ser inscritos num programa de agregados.',
    noCriteria: 'Indique pelo menos um critério de saída.',
    proposalsChanged: 'Algumas propostas já foram decididas ou estão fora das suas áreas: recarregue a lista.',
  },
  exports: { code: 'Código', name: 'Nome (chefe do agregado ou pessoa)', areaCode: 'Código da área', areaName: 'Área', status: 'Estado', statusSince: 'Estado desde', enrolledOn: 'Inscrito em', score: 'Pontuação' },
  permissions: {
    view: 'Programas: consultar programas e beneficiários',
    manage: 'Programas: criar, editar, ativar e encerrar programas',
    beneficiariesManage: 'Programas: inscrever beneficiários e mudar o seu estado',
    bulk: 'Programas: mudanças de estado em massa e revisões de saída',
  },
  menu: {
    list: 'Programas',
  },
};
