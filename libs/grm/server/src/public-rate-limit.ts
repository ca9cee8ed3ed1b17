import { addressKey, AppError, type RateLimiterService, RequestContext } from '@coremis/core';

/** The public form's limit per client address (an IPv6 /64 as one) and hour (submissions, follow-ups, attachments): a translated 429. */
export async function limitPublicCaller(rateLimiter: RateLimiterService, bucket: string, perHour: number, messageKey = 'grm.errors.tooManySubmissions'): Promise<void> {
  const result = await rateLimiter.consume(bucket, addressKey(RequestContext.current()?.ip), perHour, 3600);
  if (!result.allowed) {
    throw new AppError('TOO_MANY_REQUESTS', messageKey, { seconds: result.retryAfterSeconds }, [], { retryAfterSeconds: result.retryAfterSeconds });
  }
}
