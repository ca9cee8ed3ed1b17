import { Readable } from 'node:stream';
import { sampleOf, suggestMapping } from './reconciliation-file';

describe('reconciliation file columns', () => {
  it('recognises providers\' and banks\' headers in EN, FR and PT, each header used once', () => {
    expect(suggestMapping(['Transaction ID', 'Amount', 'Status', 'Receipt number'])).toEqual({ reference: 'Transaction ID', amount: 'Amount', status: 'Status', receipt: 'Receipt number' });
    expect(suggestMapping(['RÉFÉRENCE', 'Montant payé', 'Statut', 'N° de reçu'])).toEqual({ reference: 'RÉFÉRENCE', amount: 'Montant payé', status: 'Statut', receipt: 'N° de reçu' });
    expect(suggestMapping(['Referência', 'Valor pago', 'Situação', 'Recibo'])).toEqual({ reference: 'Referência', amount: 'Valor pago', status: 'Situação', receipt: 'Recibo' });
    // "Transaction receipt" is the receipt, not the reference; nothing is guessed from unrelated headers
    expect(suggestMapping(['Transaction receipt', 'Phone', 'Name'])).toEqual({ reference: null, amount: null, status: null, receipt: 'Transaction receipt' });
  });

  it('samples the first rows, one cell per header, quoted cells kept whole', async () => {
    const source = { headers: ['ref', 'amount'], delimiter: ';', stream: () => Readable.from(['ref;amount\n"a;1";10\nb;20\nc\nd;40\n']) };
    expect(await sampleOf(source, 3)).toEqual([['a;1', '10'], ['b', '20'], ['c', '']]);
  });
});
