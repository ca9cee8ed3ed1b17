/**
 * The `data` of a successful operation. Apollo types it as optional; with the default error
 * policy an operation either fails or has data, so a missing one is an unexpected server answer.
 */
export function resultData<T>(result: { readonly data?: T | null }): T {
  if (result.data == null) throw new Error('The server answered without data.');
  return result.data;
}
