import { isSecretParameter, REDACTED, redactUrl } from './redact-url';

const SECRET = 'probe-callback-secret-0123456789abcdef';

describe('redactUrl', () => {
  it('masks the token of a payment callback URL, keeping the rest of it', () => {
    expect(redactUrl(`/api/payment/callbacks/MOMO1?token=${SECRET}`)).toBe(`/api/payment/callbacks/MOMO1?token=${REDACTED}`);
    expect(redactUrl(`/api/payment/callbacks/MOMO1?a=1&token=${SECRET}&b=2`)).toBe(`/api/payment/callbacks/MOMO1?a=1&token=${REDACTED}&b=2`);
    expect(redactUrl(`https://coremis.example.org/api/payment/callbacks/MPESA?token=${SECRET}`)).toBe(`https://coremis.example.org/api/payment/callbacks/MPESA?token=${REDACTED}`);
  });

  it('leaves a URL without query (or without secret parameter) exactly as it was', () => {
    for (const url of ['/api/payment/callbacks/MOMO1', '/graphql', '/', '', '/x?', '/x?page=2&sort=name%20asc&q=a+b', '/x?token', '/x?flag&other=1', '/a=b/c']) expect(redactUrl(url)).toBe(url);
    expect(redactUrl(undefined)).toBeUndefined();
  });

  it('masks the whole value, percent-encoded or containing encoded separators', () => {
    expect(redactUrl('/cb?token=abc%2Bdef%26x%3Dy%23z&ok=1')).toBe(`/cb?token=${REDACTED}&ok=1`);
    expect(redactUrl('/cb?token=a+b%20c')).toBe(`/cb?token=${REDACTED}`);
    expect(redactUrl('/cb?token==abc')).toBe(`/cb?token=${REDACTED}`);
    expect(redactUrl('/cb?token=abc?def')).toBe(`/cb?token=${REDACTED}`);
    expect(redactUrl('/cb?token=')).toBe(`/cb?token=${REDACTED}`);
  });

  it('masks a parameter whose name is percent-encoded, in any case, or bracketed', () => {
    expect(redactUrl('/cb?%74oken=s1')).toBe(`/cb?%74oken=${REDACTED}`);
    expect(redactUrl('/cb?TOKEN=s1&Token=s2')).toBe(`/cb?TOKEN=${REDACTED}&Token=${REDACTED}`);
    expect(redactUrl('/cb?token[]=s1&auth[password]=s2')).toBe(`/cb?token[]=${REDACTED}&auth[password]=${REDACTED}`);
    expect(redactUrl('/cb?token%5B%5D=s1')).toBe(`/cb?token%5B%5D=${REDACTED}`);
  });

  it('masks every occurrence of a repeated parameter', () => {
    expect(redactUrl('/cb?token=one&token=two&x=3&token=three')).toBe(`/cb?token=${REDACTED}&token=${REDACTED}&x=3&token=${REDACTED}`);
    expect(redactUrl('/cb?x=1&&token=two')).toBe(`/cb?x=1&&token=${REDACTED}`);
  });

  it('keeps the fragment, masking secret parameters there too', () => {
    expect(redactUrl('/cb?token=abc#section')).toBe(`/cb?token=${REDACTED}#section`);
    expect(redactUrl('/cb?x=1#frag?y=2')).toBe('/cb?x=1#frag?y=2');
    expect(redactUrl('/login#access_token=abc&state=xyz')).toBe(`/login#access_token=${REDACTED}&state=xyz`);
  });

  it('masks the usual secret-bearing names, not ordinary ones', () => {
    const secrets = ['token', 'secret', 'signature', 'sig', 'access_token', 'api_key', 'apikey', 'key', 'password', 'Api-Key', 'X-API-KEY', 'client_secret', 'refresh_token', 'callbackToken', 'passwd', 'pwd', 'auth', 'authorization'];
    for (const name of secrets) {
      expect(isSecretParameter(name)).toBe(true);
      expect(redactUrl(`/x?${name}=v4lue&page=2`)).toBe(`/x?${name}=${REDACTED}&page=2`);
    }
    for (const name of ['page', 'q', 'sort', 'lang', 'code', 'type', 'id', 'keyword', 'monkey', 'signatureDate', 'tokenize']) expect(isSecretParameter(name)).toBe(false);
  });

  it('judges a name with malformed percent-encoding as written', () => {
    expect(redactUrl('/x?token%zz=abc&%E0%A4%A=1')).toBe('/x?token%zz=abc&%E0%A4%A=1');
    expect(redactUrl('/x?token=%zz')).toBe(`/x?token=${REDACTED}`);
  });
});
