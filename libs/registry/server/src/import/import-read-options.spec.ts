import { suggestMapping } from './import-fields';
import { detectEncoding, detectSeparator, readOptionsOf, usableHeaders } from './import-read-options';
import { importOptionsOf } from './import-transforms';

describe('reading an agency file as it is', () => {
  it('detects the separator from the first lines, quotes ignored', () => {
    expect(detectSeparator('a;b;c\r\n1;2;3\r\n')).toBe(';');
    expect(detectSeparator('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectSeparator('a\tb\n1\t2\n')).toBe('\t');
    expect(detectSeparator('a|b|c\n1|2|3\n')).toBe('|');
    // commas inside quoted French text do not count
    expect(detectSeparator('nom;adresse\n"Diallo, Aïcha";"12, rue X"\nSow;Y\n')).toBe(';');
    expect(detectSeparator('single\n1\n')).toBe(',');
  });

  it('detects Windows-1252 when the bytes are not UTF-8, without judging a character cut by the sample', () => {
    expect(detectEncoding(Buffer.from('Prénom;Sexe\n', 'utf8'), true)).toBe('UTF8');
    expect(detectEncoding(Buffer.from([0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d]), true)).toBe('WINDOWS1252');
    const cut = Buffer.from('abc é', 'utf8').subarray(0, 5);
    expect(detectEncoding(cut, false)).toBe('UTF8');
    expect(detectEncoding(cut, true)).toBe('WINDOWS1252');
  });

  it('names blank (merged) header cells by position and numbers repeated ones', () => {
    expect(usableHeaders(['Chef de ménage', '', ' Téléphone ', 'Téléphone', '  '])).toEqual(['Chef de ménage', '#2', 'Téléphone', 'Téléphone (2)', '#5']);
  });

  it('accepts only the read options and transforms it knows', () => {
    expect(readOptionsOf({ separator: ';', encoding: 'WINDOWS1252' })).toEqual({ separator: ';', encoding: 'WINDOWS1252' });
    expect(readOptionsOf({ separator: '#' })).toBeNull();
    expect(readOptionsOf({ other: 1 })).toBeNull();
    expect(importOptionsOf({ transforms: { dates: { birthDate: 'DMY' }, recode: { sex: { Masculin: 'M' } }, fixed: { documentType: 'NATIONAL_ID' }, yearPivot: 30, nameOrder: 'GIVEN_FIRST' } })).toEqual({
      read: { members: {}, households: {} },
      transforms: { dates: { birthDate: 'DMY' }, recode: { sex: { Masculin: 'M' } }, fixed: { documentType: 'NATIONAL_ID' }, yearPivot: 30, nameOrder: 'GIVEN_FIRST' },
    });
    expect(importOptionsOf({ transforms: { dates: { sex: 'DMY' } } })).toBeNull();
    expect(importOptionsOf({ transforms: { recode: { 'drop table': {} } } })).toBeNull();
    expect(importOptionsOf({ transforms: { yearPivot: 100 } })).toBeNull();
    expect(importOptionsOf({ transforms: { fixed: { documentType: ' ' } } })).toBeNull();
  });

  it('matches columns by label in any interface language and by synonyms, ignoring case, accents and punctuation', () => {
    const fr = suggestMapping(['Date de naissance', 'Lien avec le chef', 'N° CNI', 'Téléphone', 'PRÉNOM', 'Nom'], 'ONE_FILE', 'members', []);
    expect(fr).toEqual({ birthDate: 'Date de naissance', relationship: 'Lien avec le chef', documentNumber: 'N° CNI', phones: 'Téléphone', givenName: 'PRÉNOM', familyName: 'Nom' });
    const pt = suggestMapping(['Data de nascimento', 'Sexo', 'Nome completo', 'Província', 'Distrito'], 'ONE_FILE', 'members', [], [['Province', 'Província'], ['District', 'Distrito']]);
    expect(pt).toEqual({ birthDate: 'Data de nascimento', sex: 'Sexo', fullName: 'Nome completo', areaLevel1: 'Província', areaLevel2: 'Distrito' });
    // one column, one field
    expect(Object.values(suggestMapping(['Nom et prénom'], 'ONE_FILE', 'members', []))).toEqual(['Nom et prénom']);
  });
});
