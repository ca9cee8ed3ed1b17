/** Escapes `\`, `%` and `_` so user text matches literally inside a `LIKE` / `ILIKE` pattern (PostgreSQL's default escape `\`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%`: rows whose value contains the user's text. */
export function likeContains(text: string): string {
  return `%${likeEscape(text)}%`;
}

/** `text%`: rows whose value starts with the user's text (an index on the column can serve it). */
export function likePrefix(text: string): string {
  return `${likeEscape(text)}%`;
}
