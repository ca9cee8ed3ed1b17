import { createHash } from 'node:crypto';
import { canonicalJson, payloadHash, toPlainJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ input: { code: 'X', nameEn: 'Y', parentId: null } })).toBe(canonicalJson({ input: { parentId: null, nameEn: 'Y', code: 'X' } }));
  });

  it('leaves out undefined fields like JSON, and writes null for undefined array items', () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined, 1] })).toBe('{"b":null,"c":[null,1]}');
  });

  it('writes dates, strings and numbers as JSON does', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z'), s: 'é"\n', n: 1e21, f: 0.1 })).toBe('{"at":"2026-01-02T03:04:05.000Z","f":0.1,"n":1e+21,"s":"é\\"\\n"}');
  });

  it('survives a round trip through JSON with keys in another order', () => {
    const payload = { input: { nameEn: 'Área', code: 'A-1', levels: [{ policy: 'N', required: 2 }] } };
    const stored = JSON.parse(JSON.stringify({ input: { levels: [{ required: 2, policy: 'N' }], code: 'A-1', nameEn: 'Área' } }));
    expect(payloadHash(stored)).toBe(payloadHash(payload));
  });
});

describe('payloadHash', () => {
  it('is the SHA-256 of the canonical JSON', () => {
    expect(payloadHash({ b: 2, a: 1 })).toBe(createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
  });

  it('changes when any value changes', () => {
    expect(payloadHash({ input: { code: 'A' } })).not.toBe(payloadHash({ input: { code: 'B' } }));
  });
});

describe('toPlainJson', () => {
  it('turns class instances into plain data', () => {
    class Input {
      code = 'X';
      missing?: string = undefined;
      at = new Date('2026-01-01T00:00:00.000Z');
    }
    expect(toPlainJson(new Input())).toEqual({ code: 'X', at: '2026-01-01T00:00:00.000Z' });
    expect(toPlainJson(undefined)).toBeNull();
  });
});
