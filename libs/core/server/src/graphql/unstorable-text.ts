const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether a string holds what PostgreSQL text cannot store (a NUL byte: SQLSTATE 22021) or what is not
 * Unicode at all (an unpaired UTF-16 surrogate, which JSON lets through as `"\ud800"`).
 */
export const isUnstorableText = (value: string): boolean => value.includes('\u0000') || LONE_SURROGATE.test(value);
