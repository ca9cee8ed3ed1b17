import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gql, GraphqlRequestError, sendGraphql } from './graphql-text';
import { toUserError } from './user-error';

// A real HTTP server on 127.0.0.1 answering as the API does (or as a proxy in front of it does when it fails).
describe('GraphQL over fetch (the sign-in steps)', () => {
  let server: Server;
  let uri: string;
  let answer: { status: number; body: string };
  let received: { headers: Record<string, string | string[] | undefined>; body: string } | null = null;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received = { headers: req.headers, body };
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const FIELDS = gql`
    fragment F on User {
      id
    }
  `;
  const ME = gql<{ me: { id: string } }, { x: number }>`
    query Me {
      me {
        ...F
      }
    }
    ${FIELDS}
  `;

  it('sends the operation with its fragments, variables and headers, and returns the data', async () => {
    answer = { status: 200, body: JSON.stringify({ data: { me: { id: 'u1' } } }) };
    await expect(sendGraphql(uri, ME, { x: 1 }, { 'x-lang': 'fr', authorization: 'Bearer t' })).resolves.toEqual({ me: { id: 'u1' } });
    const sent = JSON.parse(received!.body) as { query: string; variables: unknown };
    expect(sent.query).toContain('fragment F on User');
    expect(sent.query).toContain('...F');
    expect(sent.variables).toEqual({ x: 1 });
    expect(received!.headers['x-lang']).toBe('fr');
    expect(received!.headers['authorization']).toBe('Bearer t');
  });

  it('turns GraphQL errors into the translated message and code, with the field errors', async () => {
    const errors = [{ message: 'Identifiant ou mot de passe incorrect.', extensions: { code: 'UNAUTHENTICATED', fieldErrors: [{ field: 'input.username', message: 'requis' }] } }];
    answer = { status: 200, body: JSON.stringify({ errors, data: null }) };
    const error = await sendGraphql(uri, ME, { x: 1 }, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphqlRequestError);
    expect(toUserError(error)).toEqual({ code: 'UNAUTHENTICATED', message: 'Identifiant ou mot de passe incorrect.', fieldErrors: [{ field: 'input.username', message: 'requis' }] });
    // a 400 from the server's input validation carries its errors the same way
    answer = { status: 400, body: JSON.stringify({ errors: [{ message: 'Variable "$x" invalide.', extensions: { code: 'BAD_USER_INPUT' } }] }) };
    expect(toUserError(await sendGraphql(uri, ME, { x: 1 }, {}).catch((e: unknown) => e))).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Variable "$x" invalide.' });
  });

  it('tells a gateway failure, an unreadable answer and a server error apart', async () => {
    answer = { status: 502, body: '<html>Bad gateway</html>' };
    expect(toUserError(await sendGraphql(uri, ME, { x: 1 }, {}).catch((e: unknown) => e))).toEqual({ messageKey: 'core.errors.network', fieldErrors: [] });
    answer = { status: 200, body: 'not json' };
    expect(toUserError(await sendGraphql(uri, ME, { x: 1 }, {}).catch((e: unknown) => e))).toEqual({ messageKey: 'core.errors.unexpectedResponse', fieldErrors: [] });
    answer = { status: 500, body: JSON.stringify({}) };
    expect(toUserError(await sendGraphql(uri, ME, { x: 1 }, {}).catch((e: unknown) => e))).toEqual({ messageKey: 'core.errors.server', fieldErrors: [] });
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await sendGraphql(`http://127.0.0.1:${port}/graphql`, ME, { x: 1 }, {}).catch((e: unknown) => e);
    expect(toUserError(error)).toEqual({ messageKey: 'core.errors.network', fieldErrors: [] });
  });
});
