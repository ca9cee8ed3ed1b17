import { addressKey } from './address-key';

describe('addressKey (what the rate limits count a client under)', () => {
  it('keeps an IPv4 address, also IPv4-mapped', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 together, however it is written', () => {
    const key = '2001:db8:85a3:1::/64';
    for (const ip of ['2001:db8:85a3:1::1', '2001:0db8:85a3:0001:ffff:ffff:ffff:fffe', '2001:DB8:85A3:1:0:0:0:2', '2001:db8:85a3:1::a:b', '2001:db8:85a3:1:1234::%eth0']) {
      expect([ip, addressKey(ip)]).toEqual([ip, key]);
    }
    expect(addressKey('2001:db8:85a3:2::1')).toBe('2001:db8:85a3:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves anything else as it is', () => {
    expect(addressKey(null)).toBe('unknown');
    expect(addressKey('')).toBe('unknown');
    expect(addressKey('not an address')).toBe('not an address');
  });
});
