import { buildSchema, GraphQLBoolean, GraphQLObjectType, GraphQLSchema, type OperationDefinitionNode, parse } from 'graphql';
import { COSTLY_OPERATION_EXTENSION, costlyFields, documentDepth, hasUnstorableString, queryComplexity, queryLimitsPlugin } from './limits.plugin';

describe('documentDepth', () => {
  it('counts nested selections', () => {
    expect(documentDepth(parse('{ a }'))).toBe(1);
    expect(documentDepth(parse('{ a { b { c } } }'))).toBe(3);
  });

  it('follows fragments, ignores __typename but counts introspection', () => {
    expect(documentDepth(parse('query { a { ...F } } fragment F on T { b { c } }'))).toBe(3);
    expect(documentDepth(parse('{ __typename a { __typename } }'))).toBe(1);
    expect(documentDepth(parse('{ __schema { types { name } } }'))).toBe(3);
  });

  it('does not loop on recursive fragments', () => {
    expect(documentDepth(parse('{ a { ...F } } fragment F on T { b { ...F } }'))).toBe(2);
  });
});

describe('queryComplexity', () => {
  const schema = buildSchema(`
    type Query { households(first: Int! = 50, after: String): HouseholdConnection! levels: [Level!]! me: User }
    type HouseholdConnection { totalCount: Int! edges: [HouseholdEdge!]! }
    type HouseholdEdge { cursor: String! node: Household! }
    type Household { id: ID! code: String! members: [Individual!]! }
    type Individual { id: ID! documents: [Document!]! }
    type Document { number: String! }
    type Level { id: ID! }
    type User { id: ID! }
  `);
  const cost = (query: string, variables?: Record<string, unknown>) => queryComplexity(schema, parse(query), variables);

  it('prices a plain selection one per field', () => {
    expect(cost('{ me { id } levels { id } }')).toBe(4);
  });

  it('multiplies a page by its size: the argument, a variable, or the default', () => {
    // one item: edges 1 + node 1 + id 1 + members (1 + id 1 + documents (1 + number 1)) = 7
    const item = '{ edges { node { id members { id documents { number } } } } }';
    expect(cost(`{ households(first: 1) ${item} }`)).toBe(1 + 7);
    expect(cost(`{ households(first: 200) ${item} }`)).toBe(1 + 200 * 7);
    expect(cost(`query($n: Int!) { households(first: $n) ${item} }`, { n: 10 })).toBe(1 + 10 * 7);
    expect(cost(`{ households ${item} }`)).toBe(1 + 50 * 7);
    expect(cost('{ a: households(first: 100) { totalCount } b: households(first: 100) { totalCount } }')).toBe(2 * (1 + 100));
  });

  it('never goes negative and refuses variables of the wrong type', () => {
    expect(cost('{ households(first: -5) { totalCount } }')).toBe(1);
    expect(() => cost('query($n: Int!) { households(first: $n) { totalCount } }', { n: 'x' })).toThrow();
  });
});

describe('queryLimitsPlugin', () => {
  const schema = buildSchema(`
    type Query { households(first: Int! = 50): HouseholdConnection! }
    type HouseholdConnection { totalCount: Int! edges: [HouseholdEdge!]! }
    type HouseholdEdge { node: Household! }
    type Household { id: ID! code: String! }
  `);
  // one item costs edges 1 + node 1 + id 1 = 3; the limit lets 10 items through (1 + 30), not 20 (1 + 60)
  const plugin = queryLimitsPlugin(10, 40);
  const document = parse('query Page($n: Int!) { households(first: $n) { edges { node { id } } } }');
  const operation = document.definitions[0] as OperationDefinitionNode;
  const check = async (variables: Record<string, unknown>) => {
    const listeners = await plugin.requestDidStart!({} as never);
    return listeners!.didResolveOperation!({ request: { variables, operationName: 'Page' }, document, schema, operation } as never);
  };

  it('prices the same parsed document again for each set of variables (the cost is remembered per variables, not per text)', async () => {
    await expect(check({ n: 10 })).resolves.toBeUndefined();
    await expect(check({ n: 20 })).rejects.toMatchObject({ extensions: { code: 'GRAPHQL_COMPLEXITY', args: { complexity: 61, max: 40 } } });
    // asked again: the remembered answers are the same ones
    await expect(check({ n: 10 })).resolves.toBeUndefined();
    await expect(check({ n: 20 })).rejects.toMatchObject({ extensions: { code: 'GRAPHQL_COMPLEXITY' } });
    await expect(check({ n: 'x' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(check({ n: 'x' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('hasUnstorableString', () => {
  it('finds NUL bytes and unpaired surrogates anywhere in the variables, keys included', () => {
    expect(hasUnstorableString({ a: ['ok', { b: 'café 😀' }] })).toBe(false);
    expect(hasUnstorableString({ a: ['ok', { b: 'x\u0000' }] })).toBe(true);
    expect(hasUnstorableString({ a: 'x\ud800' })).toBe(true);
    expect(hasUnstorableString({ a: '\udc00x' })).toBe(true);
    expect(hasUnstorableString({ a: 'x\ud83d\ude00' })).toBe(false);
    expect(hasUnstorableString({ ['k\u0000']: 1 })).toBe(true);
    expect(hasUnstorableString(null)).toBe(false);
  });
});

describe('costlyFields', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        scan: { type: GraphQLBoolean, extensions: { [COSTLY_OPERATION_EXTENSION]: true } },
        other: { type: GraphQLBoolean },
      },
    }),
  });
  const costly = (query: string) => {
    const document = parse(query);
    return costlyFields(schema, document, document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode);
  };

  it('counts every occurrence, through aliases and fragments', () => {
    expect(costly('{ scan other }')).toEqual(['scan']);
    expect(costly('{ a: scan b: scan }')).toEqual(['scan', 'scan']);
    expect(costly('{ ...F ... on Query { scan } } fragment F on Query { scan }')).toEqual(['scan', 'scan']);
    expect(costly('{ ...F } fragment F on Query { ...F scan }')).toEqual(['scan']);
  });
});
