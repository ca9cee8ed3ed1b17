/** A six-digit code from an authenticator app (spaces around it are forgiven). */
export const TOTP_CODE_PATTERN = /^\s*\d{6}\s*$/;
