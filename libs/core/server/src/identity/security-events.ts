/** Security-relevant events the audit trail records (login, failed login, refusals, token reuse). */
export const SECURITY_EVENT_SINK = 'coremis:security-event-sink';

export interface SecurityEvent {
  action: 'LOGIN' | 'LOGIN_FAILED' | 'LOGOUT' | 'ACCESS_DENIED' | 'TOTP_REPLAY' | 'REFRESH_TOKEN_REUSE' | 'PASSWORD_CHANGED' | 'PASSWORD_RESET' | 'ACCOUNT_LOCKED' | 'TWO_FACTOR_ENABLED' | 'TWO_FACTOR_RESET' | 'ACCOUNT_UNLOCKED' | 'LOGIN_THROTTLED';
  userId?: string | null;
  username?: string | null;
  details?: Record<string, unknown>;
}

export interface SecurityEventSink {
  record(event: SecurityEvent): Promise<void>;
}
