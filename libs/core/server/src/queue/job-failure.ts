/**
 * A job that ends FAILED as an expected outcome (its input turned out unusable while it ran): final,
 * never retried, logged as a warning rather than an error. `message` is for operators (job lists);
 * `result` is kept so the module's report can tell the user what went wrong in their language.
 */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}
