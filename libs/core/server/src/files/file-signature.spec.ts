import { detectFileSignature, isUtf8Text } from './file-signature';

describe('detectFileSignature', () => {
  const bytes = (hex: string, rest = 16) => Buffer.concat([Buffer.from(hex, 'hex'), Buffer.alloc(rest, 1)]);

  it('names images, PDF and ZIP from their first bytes', () => {
    expect(detectFileSignature(bytes('89504e470d0a1a0a'))).toBe('PNG');
    expect(detectFileSignature(bytes('ffd8ffe0'))).toBe('JPEG');
    expect(detectFileSignature(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('WEBP');
    expect(detectFileSignature(Buffer.from('%PDF-1.7\n'))).toBe('PDF');
    expect(detectFileSignature(bytes('504b0304'))).toBe('ZIP');
    expect(detectFileSignature(Buffer.alloc(0))).toBe('EMPTY');
  });

  it('tells UTF-8 text from binary and UTF-16', () => {
    expect(detectFileSignature(Buffer.from('\uFEFFname,village\nAïcha,X\n'))).toBe('TEXT');
    expect(detectFileSignature(Buffer.from('<svg onload="alert(1)"/>'))).toBe('TEXT');
    expect(detectFileSignature(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('UTF16_TEXT');
    expect(detectFileSignature(Buffer.from([0x41, 0x00, 0x42]))).toBe('BINARY');
    expect(detectFileSignature(Buffer.from([0x4a, 0xe9, 0x0a]))).toBe('BINARY');
    expect(detectFileSignature(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 8) + 1)))).toBe('BINARY');
  });

  it('does not judge a character cut by the end of a sample', () => {
    const cut = Buffer.from('abc é').subarray(0, 5);
    expect(isUtf8Text(cut, false)).toBe(true);
    expect(isUtf8Text(cut, true)).toBe(false);
  });
});
