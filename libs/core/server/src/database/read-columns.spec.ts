import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { summaryColumns, type ReadSummary } from './read-columns';

const SUMMARY: ReadSummary = { name: 'thing', columns: ['id', 'code', 'areaId'], fields: { area: ['areaId'], count: ['id'] } };

/** The resolve info graphql-js hands the document's first root field. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const fieldNodes = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  return { fieldNodes, fragments };
}

describe('summaryColumns', () => {
  it('answers the summary when the selection asks only its columns and declared fields', () => {
    expect(summaryColumns(infoOf('{ things { id code __typename area { id name } count } }'), SUMMARY)).toEqual(SUMMARY.columns);
    // nothing selected below (a count): the summary
    expect(summaryColumns(infoOf('{ things }'), SUMMARY)).toEqual(SUMMARY.columns);
  });

  it('reads every column when one field is outside the summary', () => {
    expect(summaryColumns(infoOf('{ things { id code address } }'), SUMMARY)).toBeUndefined();
    // a field resolver nobody declared: its needs are unknown
    expect(summaryColumns(infoOf('{ things { id history { totalCount } } }'), SUMMARY)).toBeUndefined();
  });

  it('follows a connection path, aliases, fragments and inline fragments', () => {
    const page = (node: string, extra = '') => infoOf(`{ things { pageInfo { endCursor } totalCount edges { cursor node { ${node} } } } } ${extra}`);
    expect(summaryColumns(page('id code'), SUMMARY, ['edges', 'node'])).toEqual(SUMMARY.columns);
    expect(summaryColumns(page('id secret: address'), SUMMARY, ['edges', 'node'])).toBeUndefined();
    expect(summaryColumns(page('...F', 'fragment F on Thing { id ... on Thing { extra } }'), SUMMARY, ['edges', 'node'])).toBeUndefined();
    expect(summaryColumns(page('...F', 'fragment F on Thing { id ... on Thing { code } }'), SUMMARY, ['edges', 'node'])).toEqual(SUMMARY.columns);
    // the same connection asked twice under aliases: the union of both selections
    const twice = infoOf('{ a: things { edges { node { id } } } }');
    const other = infoOf('{ b: things { edges { node { address } } } }');
    expect(summaryColumns({ fieldNodes: [...twice.fieldNodes, ...other.fieldNodes], fragments: {} }, SUMMARY, ['edges', 'node'])).toBeUndefined();
  });

  it('does not loop on a fragment spread twice', () => {
    expect(summaryColumns(infoOf('{ things { ...F ...F } } fragment F on Thing { id }'), SUMMARY)).toEqual(SUMMARY.columns);
  });

  it('reads every column without resolve info', () => {
    expect(summaryColumns(undefined, SUMMARY)).toBeUndefined();
  });
});
