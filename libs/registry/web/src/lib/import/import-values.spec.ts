import { detectDateFormat, normalize, proposeCode } from './import-values';

describe('import values: proposals and date formats', () => {
  const RELATIONSHIPS = ['HEAD', 'SPOUSE', 'SON', 'DAUGHTER', 'PARENT', 'GRANDCHILD', 'OTHER_RELATIVE', 'NON_RELATIVE'];

  it('proposes a code by label in any interface language, by synonym or by the code itself, ignoring case and accents', () => {
    expect(normalize('  Chef  de Ménage ')).toBe('chef de menage');
    expect(proposeCode('sex', 'Masculin', ['F', 'M'])).toBe('M');
    expect(proposeCode('sex', 'FÉMININ', ['F', 'M'])).toBe('F');
    expect(proposeCode('sex', 'Mulher', ['F', 'M'])).toBe('F');
    expect(proposeCode('relationship', 'Chef de ménage', RELATIONSHIPS)).toBe('HEAD');
    expect(proposeCode('relationship', 'Chefe do agregado', RELATIONSHIPS)).toBe('HEAD');
    expect(proposeCode('relationship', 'épouse', RELATIONSHIPS)).toBe('SPOUSE');
    expect(proposeCode('relationship', 'son', RELATIONSHIPS)).toBe('SON');
    expect(proposeCode('roofMaterial', 'tole', ['thatch', 'iron_sheet', 'tiles', 'concrete', 'other'])).toBe('iron_sheet');
    expect(proposeCode('roofMaterial', 'Iron sheet', ['thatch', 'iron_sheet', 'tiles', 'concrete', 'other'])).toBe('iron_sheet');
    expect(proposeCode('extra.household.roofMaterial', 'Tôle', ['iron_sheet'])).toBe('iron_sheet');
    // nothing is invented
    expect(proposeCode('relationship', 'Voisin', RELATIONSHIPS)).toBeNull();
    expect(proposeCode('roofMaterial', 'tole', ['thatch'])).toBeNull();
  });

  it('reads yes/no answers in English, French and Portuguese for boolean fields', () => {
    expect(['O', 'Oui', 'Sim', 'yes', '1', 'x'].map((v) => proposeCode('extra.handicap', v, null))).toEqual(['true', 'true', 'true', 'true', 'true', 'true']);
    expect(['N', 'Non', 'Não', 'no', '0'].map((v) => proposeCode('extra.handicap', v, null))).toEqual(['false', 'false', 'false', 'false', 'false']);
    expect(proposeCode('extra.handicap', 'peut-être', null)).toBeNull();
  });

  it('tells the date format from the values, and says when both readings fit', () => {
    expect(detectDateFormat(['1984-02-11', '2001-12-31'])).toEqual({ format: 'YMD', twoDigitYears: false });
    expect(detectDateFormat(['11/02/1984', '31/12/2001'])).toEqual({ format: 'DMY', twoDigitYears: false });
    expect(detectDateFormat(['02-11-84', '12-31-01'])).toEqual({ format: 'MDY', twoDigitYears: true });
    expect(detectDateFormat(['01/02/1984', '03/04/2001'])).toEqual({ format: null, twoDigitYears: false });
  });
});
