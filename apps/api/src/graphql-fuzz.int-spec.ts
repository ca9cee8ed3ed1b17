import { randomBytes, randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { startTestApi, type TestApi } from '@coremis/core/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type IntrospectionQuery,
} from 'graphql';

/**
 * A fuzz corpus generated from the live schema: every root query and mutation gets hostile values in
 * each of its string, id and integer arguments (inside input objects too), crafted cursors, wrong
 * variable types, missing and unknown variables; then the transport itself gets oversized, deep,
 * wide, batched, GET and persisted-query requests. Every answer must be a client error (4xx, or 200
 * with client error codes and translated messages), never a 500 or INTERNAL_SERVER_ERROR, and the
 * API's heap must stay bounded.
 */

const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'APPROVAL_PENDING', 'TOO_MANY_REQUESTS', 'PERSISTED_QUERY_NOT_SUPPORTED']);
/** Operations the corpus must not run: they would end the session the corpus runs with. */
const SKIPPED = new Set(['logout']);
const MB = 'x'.repeat(1_000_000);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  text: string;
}

interface Case {
  name: string;
  body: unknown;
  /** Must be refused as bad input (NUL bytes, lone surrogates...), not merely not crash. */
  mustRefuse?: boolean;
  anonymous?: boolean;
}

type Path = (string | number)[];

describe('GraphQL fuzz corpus (every module enabled)', () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  const failures: string[] = [];
  let sent = 0;
  let peakHeap = 0;
  let heapBefore = 0;

  const gc = (): void => {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  };

  async function send(body: unknown, options: { token?: string | null; lang?: string; raw?: boolean; method?: string; url?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const token = options.token === undefined ? api.adminToken : options.token;
    const response = await fetch(options.url ?? `${api.url}/graphql`, {
      method: options.method ?? 'POST',
      headers: {
        ...(options.method === 'GET' ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.lang ? { 'x-lang': options.lang } : {}),
        ...(options.headers ?? {}),
      },
      body: options.method === 'GET' ? undefined : options.raw ? (body as string) : JSON.stringify(body),
    });
    sent++;
    const text = await response.text();
    let parsed: Answer['body'] = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    // the peak is what requests hold while answered, not the garbage of thousands before them (it grew with the corpus)
    if (sent % 250 === 0) gc();
    return { status: response.status, body: parsed, text: text.slice(0, 300) };
  }

  /** Records why an answer is not an acceptable reply to hostile input (nothing when it is). */
  function check(name: string, answer: Answer, mustRefuse = false): void {
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
    if (answer.status >= 400 || answer.body?.errors) {
      if (!answer.body?.errors?.length) problems.push(`no JSON errors (HTTP ${answer.status})`);
      for (const error of answer.body?.errors ?? []) {
        const code = error.extensions?.code;
        if (!code || !CLIENT_CODES.has(code)) problems.push(`code ${code}`);
        if (!error.message || /^[a-z]+(\.[A-Za-z0-9]+)+$/.test(error.message)) problems.push(`untranslated message ${error.message}`);
      }
    }
    if (mustRefuse && !(answer.status >= 400 || answer.body?.errors?.some((e) => e.extensions?.code === 'BAD_USER_INPUT'))) problems.push('accepted');
    if (answer.status === 200 && !answer.body) problems.push('unreadable body');
    if (problems.length) failures.push(`${name}: ${problems.join(', ')} -> ${answer.text}`);
  }

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE, { ENABLED_MODULES: 'all' });
    const introspection = await api.graphql<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data!);
    gc();
    heapBefore = process.memoryUsage().heapUsed;
  });

  beforeEach(() => {
    failures.length = 0;
  });

  afterAll(async () => {
    await api?.drainJobs();
    await api?.stop();
  });

  const rootFields = (): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] => [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
  ].filter((f) => !SKIPPED.has(f.field.name));

  /** A selection that is valid for any return type and runs the resolver. */
  const selectionOf = (field: GraphQLField<unknown, unknown>) => (isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '');

  function operation(kind: string, field: GraphQLField<unknown, unknown>): string {
    const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    return `${kind}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selectionOf(field)} }`;
  }

  /** A plausible value: required fields only, so the hostile value is the only odd one. */
  function sample(type: GraphQLInputType, depth = 0): unknown {
    if (isNonNullType(type)) return sample(type.ofType, depth);
    if (isListType(type)) return [sample(type.ofType, depth)];
    if (isEnumType(type)) return type.getValues()[0].value;
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      if (depth > 4) return value;
      for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) && f.defaultValue === undefined) value[f.name] = sample(f.type, depth + 1);
      return value;
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'ID':
          return randomUUID();
        case 'Int':
        case 'Float':
          return 1;
        case 'Boolean':
          return false;
        case 'DateTime':
          return '2024-01-01T00:00:00Z';
        case 'JSON':
          return {};
        default:
          return 'x';
      }
    }
    return null;
  }

  /** Every path to a leaf of the given scalar names, through input objects and lists (first item). */
  function leaves(type: GraphQLInputType, names: string[], path: Path, depth = 0): { path: Path; type: GraphQLInputType }[] {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) return leaves(inner.ofType, names, [...path, 0], depth);
    if (isScalarType(inner) && names.includes(inner.name)) return [{ path, type: inner }];
    if (isInputObjectType(inner) && depth < 4) return Object.values(inner.getFields()).flatMap((f) => leaves(f.type, names, [...path, f.name], depth + 1));
    return [];
  }

  /** The arguments' sample values with `value` set at `path` (creating what the path crosses). */
  function variablesWith(field: GraphQLField<unknown, unknown>, path: Path, value: unknown): Record<string, unknown> {
    const variables: Record<string, unknown> = {};
    for (const a of field.args) variables[a.name] = sample(a.type);
    let target: Record<string | number, unknown> = variables;
    let type: GraphQLInputType = field.args.find((a) => a.name === path[0])!.type;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      let next = target[key];
      const nextKey = path[i + 1];
      if (isNonNullType(type)) type = type.ofType;
      if (i > 0) type = isListType(type) ? type.ofType : isInputObjectType(type) ? type.getFields()[String(key)].type : type;
      if (isNonNullType(type)) type = type.ofType;
      if (next === undefined || next === null) next = typeof nextKey === 'number' ? [] : {};
      if (typeof nextKey === 'number' && Array.isArray(next) && next.length === 0) next.push(isListType(type) ? sample(type.ofType) : {});
      target[key] = next;
      target = next as Record<string | number, unknown>;
    }
    target[path[path.length - 1]] = value;
    return variables;
  }

  async function run(cases: Case[], concurrency = 4): Promise<void> {
    let index = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (index < cases.length) {
          const c = cases[index++];
          check(c.name, await send(c.body, { token: c.anonymous ? null : undefined }), c.mustRefuse);
        }
      }),
    );
  }

  it('string and id arguments: NUL bytes, lone surrogates, 1 MB, SQL and JSON metacharacters', async () => {
    const hostile: { label: string; value: string; refuse?: boolean }[] = [
      { label: 'NUL', value: 'a\u0000b', refuse: true },
      { label: 'lone surrogate', value: 'a\ud800b', refuse: true },
      { label: 'lone low surrogate', value: '\udc00', refuse: true },
      { label: '1 MB', value: MB },
      { label: 'SQL', value: "x' OR '1'='1'; DROP TABLE core.\"user\"; --" },
      { label: 'JSON/LIKE', value: '{"$ne":null}\\"]}%_*' },
    ];
    const cases: Case[] = [];
    for (const { kind, field } of rootFields()) {
      const query = operation(kind, field);
      for (const arg of field.args) {
        for (const leaf of leaves(arg.type, ['String', 'ID'], [arg.name])) {
          for (const h of hostile) {
            cases.push({ name: `${field.name} ${leaf.path.join('.')} ${h.label}`, body: { query, variables: variablesWith(field, leaf.path, h.value) }, mustRefuse: h.refuse });
          }
        }
        // the same refusal for values written in the query text
        const inner = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
        if (isScalarType(inner) && (inner.name === 'String' || inner.name === 'ID')) {
          const others = field.args.filter((a) => a !== arg);
          const defs = others.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
          const args = [...others.map((a) => `${a.name}: $${a.name}`), `${arg.name}: "a\\u0000b"`].join(', ');
          const variables = Object.fromEntries(others.map((a) => [a.name, sample(a.type)]));
          cases.push({ name: `${field.name} ${arg.name} literal NUL`, body: { query: `${kind}${defs ? `(${defs})` : ''} { ${field.name}(${args})${selectionOf(field)} }`, variables }, mustRefuse: true });
        }
      }
    }
    expect(cases.length).toBeGreaterThan(300);
    await run(cases);
    // signed out, the public operations (login, refresh, second factor) meet the same values; the
    // others refuse before reading them; a 1 MB value is over the anonymous body limit (413)
    const anonymous = cases.filter((c) => !c.name.endsWith(' 1 MB') || c.name.startsWith('login ')).map((c) => ({ ...c, name: `anonymous ${c.name}`, anonymous: true }));
    await run(anonymous);
    expect(failures).toEqual([]);
  }, 300_000);

  it('integer arguments: 2^31, -1, floats, strings', async () => {
    const cases: Case[] = [];
    for (const { kind, field } of rootFields()) {
      const query = operation(kind, field);
      for (const arg of field.args) {
        for (const leaf of leaves(arg.type, ['Int', 'Float'], [arg.name])) {
          for (const value of [2 ** 31, 2 ** 31 - 1, -1, 0, 1.5, '1', Number.MAX_SAFE_INTEGER, -(2 ** 53)]) {
            cases.push({ name: `${field.name} ${leaf.path.join('.')} ${value}`, body: { query, variables: variablesWith(field, leaf.path, value) } });
          }
        }
      }
    }
    expect(cases.length).toBeGreaterThan(20);
    await run(cases);
    expect(failures).toEqual([]);
  }, 120_000);

  it('wrong variable types, missing required variables, unknown variables', async () => {
    const cases: Case[] = [];
    for (const { kind, field } of rootFields()) {
      if (!field.args.length) continue;
      const query = operation(kind, field);
      const good = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type)]));
      cases.push({ name: `${field.name} missing variables`, body: { query, variables: {} } });
      cases.push({ name: `${field.name} unknown variable`, body: { query, variables: { ...good, notDeclared: 'x\u0000' } } });
      for (const arg of field.args) {
        for (const wrong of [{ an: 'object' }, [1, 2, 3], true, 'not-a-value', 12.5, null]) {
          cases.push({ name: `${field.name} ${arg.name}=${JSON.stringify(wrong)}`, body: { query, variables: { ...good, [arg.name]: wrong } } });
        }
      }
      cases.push({ name: `${field.name} variables not an object`, body: { query, variables: 'x' } });
    }
    await run(cases);
    expect(failures).toEqual([]);
  }, 120_000);

  it('crafted cursors: garbage, JSON of the wrong shape or types, another entity’s cursor', async () => {
    const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
    const users = await api.graphql<{ users: { edges: { cursor: string }[] } }>('{ users(first: 1) { edges { cursor } } }');
    const foreign = users.data!.users.edges[0].cursor;
    const cursors = [
      '!!!not base64!!!',
      b64('{"a": 1}'),
      b64([{ x: 1 }, [2]]),
      b64(['x', 'not-a-uuid']),
      b64([1, 2]),
      b64(['x', randomUUID(), 3]),
      b64([randomUUID()]),
      b64(['abc']),
      b64([null, null]),
      b64([1e308, randomUUID()]),
      b64(['\u0000', randomUUID()]),
      b64('\ud800'),
      randomBytes(300).toString('base64url').slice(0, 400),
      foreign,
      b64(['x'.repeat(300), randomUUID()]),
    ];
    const cases: Case[] = [];
    for (const { kind, field } of rootFields()) {
      if (!field.args.some((a) => a.name === 'after')) continue;
      const query = operation(kind, field);
      cursors.forEach((cursor, i) => cases.push({ name: `${field.name} cursor #${i}`, body: { query, variables: variablesWith(field, ['after'], cursor) } }));
    }
    expect(cases.length).toBeGreaterThan(50);
    await run(cases);
    expect(failures).toEqual([]);
  }, 120_000);

  it('the transport: depth, aliases, fragments, persisted queries, GET, batches, bodies', async () => {
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(14)}name${' }'.repeat(14)} } } } } }`;
    const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: enabledModules { key }`).join(' ')} }`;
    const fragments = '{ ...F } fragment F on Query { enabledModules { key } } fragment F on Query { adminLevels { id } }';
    const cases: [string, unknown, { token?: string | null; method?: string; url?: string; raw?: boolean; headers?: Record<string, string> }?][] = [
      ['depth beyond the limit', { query: deep }],
      ['a literal page size beyond 32 bits', { query: '{ users(first: 2147483648) { totalCount } }' }],
      ['a literal float page size', { query: '{ users(first: 1.5) { totalCount } }' }],
      ['a literal string page size', { query: '{ users(first: "1") { totalCount } }' }],
      ['a literal negative page size', { query: '{ users(first: -1) { totalCount } }' }],
      ['a literal cursor of the wrong shape', { query: `{ users(after: "${Buffer.from('[1,2,3]').toString('base64url')}") { totalCount } }` }],
      ['1,000 aliases', { query: aliases }],
      ['1,000 aliases of a costly field', { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: users(first: 500) { edges { node { id username } } }`).join(' ')} }` }],
      ['duplicate fragments', { query: fragments }],
      ['fragment cycle', { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }],
      ['unknown operation name', { query: '{ enabledModules { key } }', operationName: 'Nope' }],
      ['two operations, no name', { query: 'query A { enabledModules { key } } query B { adminLevels { id } }' }],
      ['persisted query, random hash, no query', { extensions: { persistedQuery: { version: 1, sha256Hash: randomBytes(32).toString('hex') } } }],
      ['persisted query, wrong hash', { query: '{ enabledModules { key } }', extensions: { persistedQuery: { version: 1, sha256Hash: randomBytes(32).toString('hex') } } }],
      ['persisted query, bad version', { extensions: { persistedQuery: { version: 99 } } }],
      ['extensions not an object', { query: '{ enabledModules { key } }', extensions: 'x' }],
      ['query not a string', { query: { a: 1 } }],
      ['no query', {}],
      ['empty query', { query: '' }],
      ['body is a string', '"just a string"', { raw: true }],
      ['body is a number', '42', { raw: true }],
      ['body is null', 'null', { raw: true }],
      ['batch array', [{ query: '{ enabledModules { key } }' }, { query: '{ adminLevels { id } }' }]],
      ['empty batch', []],
      ['unreadable JSON', '{"query": "{', { raw: true }],
      ['NUL in the query text', { query: '{ enabledModules\u0000 { key } }' }],
      ['lone surrogate in the query text', { query: '{ enabledModules { key } } # \ud800' }],
      ['NUL in an operation name', { query: '{ enabledModules { key } }', operationName: 'a\u0000' }],
      ['GET with a query string', null, { method: 'GET', url: '?query=%7BenabledModules%7Bkey%7D%7D' }],
      ['GET with a query string and preflight header', null, { method: 'GET', url: '?query=%7BenabledModules%7Bkey%7D%7D', headers: { 'apollo-require-preflight': 'true' } }],
      ['GET with a mutation', null, { method: 'GET', url: '?query=mutation%7Blogout%7D', headers: { 'apollo-require-preflight': 'true' } }],
      ['GET with bad variables', null, { method: 'GET', url: '?query=%7BenabledModules%7Bkey%7D%7D&variables=%7B', headers: { 'apollo-require-preflight': 'true' } }],
      ['GET without a query', null, { method: 'GET', url: '', headers: { 'apollo-require-preflight': 'true' } }],
      ['text/plain body', '{"query":"{ enabledModules { key } }"}', { raw: true, headers: { 'content-type': 'text/plain' } }],
      ['anonymous 64 KB body', { query: 'mutation($input: LoginInput!) { login(input: $input) { status } }', variables: { input: { username: 'x'.repeat(64 * 1024), password: 'y' } } }, { token: null }],
      ['forged token 64 KB body', { query: '{ enabledModules { key } }', variables: { pad: 'x'.repeat(64 * 1024) } }, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' }],
      ['authenticated 2 MB body', { query: '{ enabledModules { key } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }],
    ];
    for (const [name, body, options] of cases) {
      const { url, ...rest } = options ?? {};
      check(name, await send(body, { ...rest, url: url === undefined ? undefined : `${api.url}/graphql${url}` }));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers in the caller’s language', async () => {
    const fr = async (body: unknown, options: { token?: string | null } = {}) => (await send(body, { lang: 'fr', ...options })).body!.errors![0].message;
    const en = async (body: unknown, options: { token?: string | null } = {}) => (await send(body, options)).body!.errors![0].message;
    const samples: [unknown, { token?: string | null }?][] = [
      [{ query: 'query($s: String) { users(search: $s) { totalCount } }', variables: { s: 'a\u0000' } }],
      [{ query: '{ users(after: "!!!") { totalCount } }' }],
      [[{ query: '{ enabledModules { key } }' }]],
      [{ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } }],
      [{ query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: users(first: 500) { edges { node { id } } }`).join(' ')} }` }],
      [{ query: '{ enabledModules { key } }', variables: { pad: 'x'.repeat(64 * 1024) } }, { token: null }],
    ];
    for (const [body, options] of samples) {
      const french = await fr(body, options);
      expect(french).not.toEqual(await en(body, options));
      expect(french).toMatch(/[éèàçê]|la |le |les |des /i);
    }
  });

  it('sent hundreds of requests and the heap stayed bounded', () => {
    expect(sent).toBeGreaterThan(1000);
    gc();
    const after = process.memoryUsage().heapUsed;
    if (process.env.FUZZ_REPORT) process.stdout.write(`fuzz: ${sent} requests; heap before ${mb(heapBefore)} MB, peak ${mb(peakHeap)} MB, after gc ${mb(after)} MB\n`);
    // the API runs in this process: what it kept after the corpus, and its peak while answering
    expect(after - heapBefore).toBeLessThan(150 * 1024 * 1024);
    // the peak counts garbage not yet collected, so it follows the collector's timing more than the API: 230 MB over
    // ~10,000 requests alone, once 409 MB inside the full suite; the retained heap above is the leak check, the peak
    // bound catches a request that holds its 1 MB inputs many times over
    expect(peakHeap - heapBefore).toBeLessThan(512 * 1024 * 1024);
  });
});
