/** Settings of the intake module, from the environment (read when used, so tests can change them). */
export function intakeConfig() {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const value = Number(process.env[name]);
    return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  };
  return {
    /** Per request to KoBo / ODK Central. */
    httpTimeoutMs: int('INTAKE_HTTP_TIMEOUT_MS', 30_000, 100, 600_000),
    /** Attempts per request on 5xx and timeouts before the page (and the job attempt) fails. */
    httpAttempts: int('INTAKE_HTTP_ATTEMPTS', 3, 1, 10),
    /** Submissions per page pulled and staged in one transaction. */
    pageSize: int('INTAKE_PAGE_SIZE', 2000, 10, 30_000),
    maxAttachmentBytes: int('INTAKE_MAX_ATTACHMENT_BYTES', 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    /** How often the scheduler looks for connectors due a pull; 0 turns it off. */
    schedulerSeconds: int('INTAKE_SCHEDULER_SECONDS', 60, 0, 3600),
    /** A USSD session older than this ends (operators close theirs after about 3 minutes). */
    ussdSessionSeconds: int('INTAKE_USSD_SESSION_SECONDS', 300, 10, 3600),
    /** USSD requests one phone may make in 10 minutes (a full application takes about 15 with area paging). */
    ussdPhoneLimit: int('INTAKE_USSD_PHONE_LIMIT', 60, 1, 10_000),
    /** USSD requests one session may make (over the session's lifetime). */
    ussdSessionLimit: int('INTAKE_USSD_SESSION_LIMIT', 40, 1, 10_000),
  };
}
