import { phoneElementPattern, toE164 } from './phone-number';

describe('phone numbers in E.164', () => {
  it('keeps an international number and turns 00 into +', () => {
    expect(toE164('+257 79 10 00 01', '257')).toBe('+25779100001');
    expect(toE164('00258 84 123 4567', '257')).toBe('+258841234567');
  });

  it('gives a national number the deployment country code, without its trunk 0', () => {
    expect(toE164('79 100001', '257')).toBe('+25779100001');
    expect(toE164('(084) 123-4567', '258')).toBe('+258841234567');
  });

  it('refuses what cannot be a number', () => {
    expect(toE164('12', '257')).toBeNull();
    expect(toE164('abc', '257')).toBeNull();
    expect(toE164('0000000', '257')).toBeNull();
    expect(toE164('1234567890123456', '257')).toBeNull(); // 3 + 16 digits is beyond E.164's 15
  });

  it('keeps a national number as written when no country code is configured', () => {
    expect(toE164('079100001', '')).toBe('079100001');
  });

  it('the SQL pattern accepts exactly what toE164 accepts', () => {
    const samples = ['+25779100001', '0025779100001', '79100001', '079100001', '12', '0000000', '+0123456', '123456789012345', '0123456789012'];
    for (const cc of ['257', '1', '']) {
      const re = new RegExp(`^(${phoneElementPattern(cc)})$`);
      for (const s of samples) expect([s, cc, re.test(s)]).toEqual([s, cc, toE164(s, cc) !== null]);
    }
  });
});
