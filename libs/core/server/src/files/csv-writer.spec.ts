import { csvCell, csvRow } from './csv-writer';

describe('csvRow', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3])).toBe('plain,"a,b","say ""hi""","two\nlines",,3\r\n');
  });

  it('keeps cells that a spreadsheet would run as formulas as text', () => {
    expect(csvRow(['=HYPERLINK("http://evil","x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])).toBe(`"'=HYPERLINK(""http://evil"",""x"")","'+1","'-2+3","'@SUM(A1)","'\tx","'\rx"\r\n`);
  });

  it('leaves plain negative numbers and inner signs alone', () => {
    expect(csvRow(['-6.5', '-12', 'a=b', 'x+1', '1-2'])).toBe('-6.5,-12,a=b,x+1,1-2\r\n');
  });

  it('writes data for programs unescaped when asked', () => {
    expect(csvRow(['=1+1', '-2+3'], { escapeFormulae: false, eol: '\n' })).toBe('=1+1,-2+3\n');
    expect(csvCell('@x', false)).toBe('@x');
  });
});
