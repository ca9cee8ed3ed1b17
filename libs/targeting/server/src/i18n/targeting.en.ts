export const targetingEn = {
  errors: {
    notFound: 'This formula does not exist or its programme is outside your areas.',
    kindChange: 'A formula cannot change from score to criterion or back: create another one.',
    notScore: 'Only a score formula can score households.',
    duplicateCode: 'Another formula of this programme already uses the code "{code}".',
  },
  formula: {
    empty: 'The formula is empty.',
    syntax: 'Syntax error at position {start}: {detail}',
    type: 'Type error at position {start}: {detail}',
    unsupported: 'This construct is not supported in a formula (position {start}).',
    unsupportedLiteral: 'This kind of value is not supported in a formula (position {start}).',
    unknownVariable: 'Unknown variable at position {start}.',
    unknownFunction: 'Unknown function at position {start}: use log, exp, min, max, double, size, has, contains, startsWith.',
    listOfValues: 'Lists after "in" may only contain values (position {start}).',
    membersOnly: 'filter, exists and all apply only to members (position {start}).',
    mustBeNumber: 'A score formula must give a number, not {detail}.',
    mustBeBool: 'A criterion must give true or false, not {detail}.',
  },
  criteria: {
    empty: 'Add at least one condition to each group.',
    valueType: 'The value does not match the type of the field.',
    valueRequired: 'This condition needs a value.',
    valuesRequired: 'This condition needs its list of values (two for "between").',
    operatorType: 'This operator cannot be used with this field.',
    unknownField: 'Unknown field.',
    aggregateRequired: 'A condition on members needs a count or an "exists".',
  },
  permissions: {
    view: 'Targeting: view records',
    manage: 'Targeting: create and edit records',
  },
};
