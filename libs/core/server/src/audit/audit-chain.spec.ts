import { parseAuditAnchors } from './audit-chain';

describe('parseAuditAnchors', () => {
  const hash = 'a'.repeat(64);

  it('reads the JSON lines of AUDIT_ANCHOR_FILE, a JSON array, or nothing', () => {
    const lines = `{"id":"12","hash":"${hash}","occurredAt":"2026-01-01T00:00:00.000000Z"}\n\n{"id":"40","hash":"${'b'.repeat(64)}"}\n`;
    expect(parseAuditAnchors(lines)).toEqual([
      { id: '12', hash, occurredAt: '2026-01-01T00:00:00.000000Z', exportedAt: undefined },
      { id: '40', hash: 'b'.repeat(64), occurredAt: undefined, exportedAt: undefined },
    ]);
    expect(parseAuditAnchors(`[{"id":"7","hash":"${hash}"}]`)).toHaveLength(1);
    expect(parseAuditAnchors('  \n')).toEqual([]);
  });

  it('refuses anything that is not an anchor, naming the line', () => {
    expect(() => parseAuditAnchors(`{"id":"12","hash":"${hash}"}\n{"id":"0","hash":"${hash}"}`)).toThrow(/anchor 2: expected/);
    expect(() => parseAuditAnchors(`{"id":"12","hash":"XYZ"}`)).toThrow(/anchor 1/);
    expect(() => parseAuditAnchors(`{"id":12,"hash":"${hash}"}`)).toThrow(/anchor 1/);
    expect(() => parseAuditAnchors('not json')).toThrow();
  });
});
