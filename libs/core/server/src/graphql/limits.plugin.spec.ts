import { parse } from 'graphql';
import { documentDepth } from './limits.plugin';

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
