import type { targetingEn } from './targeting.en';

export const targetingPt: typeof targetingEn = {
  errors: {
    scoringRunning: 'Os agregados da fórmula "{code}" já estão a ser pontuados: aguarde o fim dessa execução.',
    notFound: 'Esta fórmula não existe ou o seu programa está fora das suas áreas.',
    kindChange: 'Uma fórmula não pode passar de pontuação a critério ou vice-versa: crie outra.',
    notScore: 'Só uma fórmula de pontuação pode pontuar agregados.',
    duplicateCode: 'Outra fórmula deste programa já usa o código "{code}".',
  },
  formula: {
    empty: 'A fórmula está vazia.',
    syntax: 'Erro de sintaxe na posição {start}: {detail}',
    type: 'Erro de tipo na posição {start}: {detail}',
    unsupported: 'Esta construção não é suportada numa fórmula (posição {start}).',
    unsupportedLiteral: 'Este tipo de valor não é suportado numa fórmula (posição {start}).',
    unknownVariable: 'Variável desconhecida na posição {start}.',
    unknownFunction: 'Função desconhecida na posição {start}: use log, exp, min, max, double, size, has, contains, startsWith.',
    listOfValues: 'As listas depois de "in" só podem conter valores (posição {start}).',
    membersOnly: 'filter, exists e all aplicam-se apenas aos membros (posição {start}).',
    mustBeNumber: 'Uma fórmula de pontuação deve dar um número, não {detail}.',
    mustBeBool: 'Um critério deve dar verdadeiro ou falso, não {detail}.',
  },
  criteria: {
    empty: 'Adicione pelo menos uma condição a cada grupo.',
    valueType: 'O valor não corresponde ao tipo do campo.',
    valueRequired: 'Esta condição precisa de um valor.',
    valuesRequired: 'Esta condição precisa da sua lista de valores (dois para "entre").',
    operatorType: 'Este operador não pode ser usado com este campo.',
    unknownField: 'Campo desconhecido.',
    aggregateRequired: 'Uma condição sobre os membros precisa de uma contagem ou de um "existe".',
  },
  permissions: {
    view: 'Targeting: consultar registos',
    manage: 'Targeting: criar e editar registos',
  },
};
