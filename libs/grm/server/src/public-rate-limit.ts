import { addressKey, AppError, type RateLimiterService, RequestContext } from '@coremis/core';

/** The public form's limit per client address (an IPv6 /64 as one) and hour (submissions, follow-ups, attachments): a translated 429. */
export async function limitPublicCaller(rateLimiter: RateLimiterService, bucket: string, perHour: number): Promise<void> {
  const result = await rateLimiter.consume(bucket, addressKey(RequestContext.current()?.ip), perHour, 3600);
  if (!result.allowed) {
    throw new AppError('TOO_MANY_REQUESTS', 'grm.errors.tooManySubmissions', { seconds: result.retryAfterSeconds }, [], { retryAfterSeconds: result.retryAfterSeconds });
  }
}
