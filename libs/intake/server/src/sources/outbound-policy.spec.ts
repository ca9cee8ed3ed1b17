import { assertOutboundAllowed, isBlockedAddress, OutboundRefusedError, type Resolver } from './outbound-policy';

describe('intake outbound policy (server-side request forgery)', () => {
  const saved = process.env.INTAKE_ALLOWED_HOSTS;
  afterEach(() => {
    if (saved === undefined) delete process.env.INTAKE_ALLOWED_HOSTS;
    else process.env.INTAKE_ALLOWED_HOSTS = saved;
  });
  const resolver = (...answers: string[][]): Resolver => {
    const queue = [...answers];
    return async () => queue.shift() ?? [];
  };
  const reason = async (url: string, resolve?: Resolver) => {
    try {
      await assertOutboundAllowed(url, resolve);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(OutboundRefusedError);
      return (error as OutboundRefusedError).reason;
    }
  };

  it('refuses loopback, private, link-local, metadata, shared, multicast and reserved addresses, in either family', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.10', '169.254.169.254', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1', 'fd00::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:a00:1', 'ff02::1', 'not an address']) {
      expect({ address, blocked: isBlockedAddress(address) }).toEqual({ address, blocked: true });
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '196.1.2.3', '2001:4860:4860::8888']) {
      expect({ address, blocked: isBlockedAddress(address) }).toEqual({ address, blocked: false });
    }
  });

  it('checks every address a name resolves to, and resolves again at each call (DNS rebinding)', async () => {
    expect(await reason('https://kobo.example.org/api', resolver(['93.184.216.34']))).toBeNull();
    expect(await reason('https://kobo.example.org/api', resolver(['93.184.216.34', '10.0.0.7']))).toBe('ADDRESS');
    // public when the connector was saved, the metadata address at pull time
    const rebinding = resolver(['93.184.216.34'], ['169.254.169.254']);
    expect(await reason('https://odk.example.org/v1', rebinding)).toBeNull();
    expect(await reason('https://odk.example.org/v1', rebinding)).toBe('ADDRESS');
    expect(await reason('https://nowhere.example.org/', async () => Promise.reject(new Error('ENOTFOUND')))).toBe('UNRESOLVED');
  });

  it('refuses other schemes, credentials in the URL and address literals in any spelling', async () => {
    expect(await reason('file:///etc/passwd')).toBe('SCHEME');
    expect(await reason('ftp://kobo.example.org/')).toBe('SCHEME');
    expect(await reason('https://user:pw@kobo.example.org/', resolver(['93.184.216.34']))).toBe('SCHEME');
    expect(await reason('not a url')).toBe('SCHEME');
    for (const url of ['http://127.0.0.1:8080/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://169.254.169.254/latest/meta-data/']) {
      expect({ url, reason: await reason(url) }).toEqual({ url, reason: 'ADDRESS' });
    }
  });

  it('lets the hosts of INTAKE_ALLOWED_HOSTS through (an ODK Central on the agency network, the test fakes)', async () => {
    process.env.INTAKE_ALLOWED_HOSTS = ' 127.0.0.1 , ODK.internal.lan,[::1]';
    expect(await reason('http://127.0.0.1:4000/')).toBeNull();
    expect(await reason('http://[::1]:4000/')).toBeNull();
    expect(await reason('https://odk.internal.lan/v1', resolver(['10.0.0.9']))).toBeNull();
    expect(await reason('http://127.0.0.2/')).toBe('ADDRESS');
    expect(await reason('https://other.internal.lan/', resolver(['10.0.0.9']))).toBe('ADDRESS');
  });
});
