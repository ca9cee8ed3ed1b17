import { applyMapping, setStagedValue, titleCase, toE164 } from './form-mapping';

describe('form mapping', () => {
  const mapping = {
    membersPath: 'hh/members',
    rules: [
      { target: 'household.areaCode', path: 'hh/area' },
      { target: 'household.extra.water', path: 'hh/water' },
      { target: 'member.givenName', path: 'given_name' },
      { target: 'member.relationship', path: 'hh/members/relation' },
      { target: 'member.sex', path: 'sex' },
    ],
    choices: [
      { target: 'member.sex', value: 'f', code: 'FEMALE' },
      { target: 'member.relationship', value: 'chef', code: 'HEAD' },
    ],
  };

  it('maps household paths, the member repeat group and select_one choices', () => {
    const staged = applyMapping(
      { 'hh/area': 'DL-01', 'hh/water': 'tap', 'hh/members': [{ 'hh/members/given_name': 'Awa', 'hh/members/relation': 'chef', 'hh/members/sex': 'f' }, { 'hh/members/given_name': 'Ali', 'hh/members/sex': 'm' }] },
      mapping,
    );
    expect(staged.household).toEqual({ areaCode: 'DL-01', extra: { water: 'tap' } });
    expect(staged.members).toEqual([
      { givenName: 'Awa', relationship: 'HEAD', sex: 'FEMALE' },
      { givenName: 'Ali', relationship: null, sex: 'm' },
    ]);
  });

  it('reads nested objects (ODK) as well as flat paths', () => {
    const staged = applyMapping({ hh: { area: 'DL-02', members: [{ given_name: 'Awa' }] } }, { ...mapping, membersPath: 'hh/members' });
    expect(staged.household.areaCode).toBe('DL-02');
    expect(staged.members[0].givenName).toBe('Awa');
  });

  it('sets corrected fields on a copy and adds a member one past the end', () => {
    const data = { household: { areaCode: 'X' }, members: [{ givenName: 'a' }] };
    const out = setStagedValue(data, 'members.1.givenName', 'b');
    expect(out.members).toEqual([{ givenName: 'a' }, { givenName: 'b' }]);
    expect(data.members).toHaveLength(1);
  });

  it('title-cases names and normalises phones to E.164', () => {
    expect(titleCase('  jean-PIERRE   diallo ')).toBe('Jean-Pierre Diallo');
    expect(titleCase("n'DIAYE")).toBe("N'Diaye");
    expect(toE164('77 123 45 67', '221')).toBe('+221771234567');
    expect(toE164('0771234567', '221')).toBe('+221771234567');
    expect(toE164('00221771234567', null)).toBe('+221771234567');
    expect(toE164('221771234567', '221')).toBe('+221771234567');
    expect(toE164('12', '221')).toBeNull();
    expect(toE164('abc', '221')).toBeNull();
  });
});
