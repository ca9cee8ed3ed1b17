import { formatPhone, PhonePipe } from './phone.pipe';

describe('phone numbers for reading', () => {
  it('groups an E.164 number as its country writes it', () => {
    expect(formatPhone('+25779100004')).toBe('+257 79 10 00 04');
    expect(formatPhone('+258841234567')).toBe('+258 84 123 4567');
    expect(new PhonePipe().transform('+255700000003')).toBe('+255 700 000 003');
  });

  it('leaves what is not an international number as it is', () => {
    expect(formatPhone('79100004')).toBe('79100004');
    expect(formatPhone('not a phone')).toBe('not a phone');
    expect(formatPhone(null)).toBe('');
  });
});
