import { currencyDigits, majorAmount } from './payroll-report.writer';

describe('report amounts', () => {
  it('writes minor units as exact decimals in the currency\'s minor unit', () => {
    expect(majorAmount('123456', 2)).toBe('1234.56');
    expect(majorAmount('5', 2)).toBe('0.05');
    expect(majorAmount('0', 2)).toBe('0.00');
    expect(majorAmount('-250', 2)).toBe('-2.50');
    expect(majorAmount('9007199254740993', 2)).toBe('90071992547409.93');
    expect(majorAmount('1500', 0)).toBe('1500');
    expect(majorAmount('1234', 3)).toBe('1.234');
  });

  it('knows the minor unit of a currency', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('UGX')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
  });
});
