/** `gql<A, B>` tags whose type arguments are not `<Name><Kind>, <Name><Kind>Variables` of their operation. */
export function mismatchedOperationTypes(source: string): string[] {
  const problems: string[] = [];
  const tag = /gql\s*<([^`]*?)>\s*`\s*(query|mutation|subscription)\s+(\w+)/g;
  for (const match of source.matchAll(tag)) {
    const [, typeArgs, kind, name] = match;
    const suffix = kind[0].toUpperCase() + kind.slice(1);
    const expected = `${name}${suffix}, ${name}${suffix}Variables`;
    if (typeArgs.replace(/\s+/g, ' ').trim() !== expected) problems.push(`${name}: gql<${typeArgs.trim()}> should be gql<${expected}>`);
  }
  const untyped = /gql\s*`\s*(query|mutation|subscription)\s+(\w+)/g;
  for (const match of source.matchAll(untyped)) problems.push(`${match[2]}: untyped gql; write gql<${match[2]}${match[1][0].toUpperCase()}${match[1].slice(1)}, ...Variables>`);
  return problems;
}
