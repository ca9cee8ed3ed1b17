/** Bearer tokens per provider account, renewed a minute before they expire; concurrent callers share one request. */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string | undefined>>();

  async get(accountId: string, fetchToken: () => Promise<{ token: string; expiresInSeconds: number } | undefined>): Promise<string | undefined> {
    const cached = this.tokens.get(accountId);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    let request = this.pending.get(accountId);
    if (!request) {
      request = fetchToken()
        .then((fresh) => {
          if (!fresh) return undefined;
          this.tokens.set(accountId, { token: fresh.token, expiresAt: Date.now() + Math.max(0, fresh.expiresInSeconds - 60) * 1000 });
          return fresh.token;
        })
        .finally(() => this.pending.delete(accountId));
      this.pending.set(accountId, request);
    }
    return request;
  }

  forget(accountId: string): void {
    this.tokens.delete(accountId);
  }
}
