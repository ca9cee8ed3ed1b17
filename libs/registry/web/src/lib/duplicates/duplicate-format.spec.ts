import { formatCount, formatPercent, formatProbability, formatSigned } from './duplicate-format';

describe('duplicate review numbers', () => {
  it('use a decimal comma in French and Portuguese and a point in English', () => {
    expect(formatPercent('en', 0.9512)).toBe('95.1');
    expect(formatPercent('fr', 0.9512)).toBe('95,1');
    expect(formatPercent('pt', 0.9512)).toBe('95,1');
    expect(formatSigned('fr', -1.54)).toBe('−1,5');
    expect(formatSigned('pt', 3.25)).toBe('+3,3');
    expect(formatProbability('fr', 0.95)).toBe('0,95');
    expect(formatProbability('pt', 0.00000012)).toBe('1,2E-7');
    expect(formatProbability('en', 0.00000012)).toBe('1.2E-7');
    expect(formatCount('en', 27670)).toBe('27,670');
    expect(formatCount('fr', 27670).replace(/\s/g, ' ')).toBe('27 670');
  });
});
