import { randomUUID } from 'node:crypto';

/** A submission as the fake servers keep it: nested groups, repeat groups as arrays. */
export interface FakeSubmission {
  /** KoBo `_id` (number as string) / ODK `__id` (the first instance id). */
  id: string;
  seq: number;
  instanceId: string;
  deprecatedId: string | null;
  submittedAt: string;
  editedAt: string | null;
  edits: number;
  fields: Record<string, unknown>;
  attachments: { name: string; content: Buffer; contentType: string }[];
}

/** Switchable failure modes shared by both fakes. */
export interface FakeFailures {
  /** Answer 500 to the next `count` data requests at this offset (start / $skip). */
  failAtOffset?: { offset: number; count: number } | null;
  /** Delay the next `count` data requests by `ms`. */
  slow?: { ms: number; count: number } | null;
}

/** The 1x1 PNG the fakes serve as a photo. */
export const PNG_PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The form both fakes serve, and the clock they stamp submissions with (tests move it). */
export class FakeFormStore {
  readonly submissions: FakeSubmission[] = [];
  failures: FakeFailures = {};
  requests = 0;
  /** Offsets of the data requests received, in order. */
  readonly offsets: number[] = [];
  /** KoBo numbers submissions; ODK names them after their first instance id. */
  idStyle: 'seq' | 'instance' = 'seq';
  private clock = Date.parse('2026-01-05T08:00:00.000Z');

  now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  add(fields: Record<string, unknown>, attachments: FakeSubmission['attachments'] = []): FakeSubmission {
    const instanceId = `uuid:${randomUUID()}`;
    const submission: FakeSubmission = { id: this.idStyle === 'seq' ? String(this.submissions.length + 1) : instanceId, seq: this.submissions.length + 1, instanceId, deprecatedId: null, submittedAt: this.now(), editedAt: null, edits: 0, fields, attachments };
    this.submissions.push(submission);
    return submission;
  }

  /** An edit (Enketo / Central): a new instance id, the old one as deprecatedID, the edit time. */
  edit(seq: number, change: (fields: Record<string, unknown>) => void): FakeSubmission {
    const submission = this.submissions[seq - 1];
    change(submission.fields);
    submission.deprecatedId = submission.instanceId;
    submission.instanceId = `uuid:${randomUUID()}`;
    submission.editedAt = this.now();
    submission.edits += 1;
    return submission;
  }

  /** Applies the failure modes to a data request; true when it must answer 500. */
  async failOrWait(offset: number): Promise<boolean> {
    this.requests++;
    this.offsets.push(offset);
    const slow = this.failures.slow;
    if (slow && slow.count > 0) {
      slow.count--;
      await new Promise((r) => setTimeout(r, slow.ms));
    }
    const fail = this.failures.failAtOffset;
    if (fail && fail.offset === offset && fail.count > 0) {
      fail.count--;
      return true;
    }
    return false;
  }

  /** Submissions received or edited at or after `since`, in `seq` order. */
  since(since: string | null): FakeSubmission[] {
    if (!since) return this.submissions;
    return this.submissions.filter((s) => s.submittedAt >= since || (s.editedAt !== null && s.editedAt >= since));
  }
}

/** A household form with a member repeat group, generated (bench, tests). */
export function householdFields(i: number, members = 3, area = 'DL-01'): Record<string, unknown> {
  const family = FAMILY[i % FAMILY.length];
  return {
    hh: {
      area,
      address: `${(i % 200) + 1} Rue ${i}`,
      members: Array.from({ length: members }, (_v, m) => ({
        given_name: GIVEN[(i * 7 + m) % GIVEN.length],
        family_name: family,
        sex: m % 2 ? 'm' : 'f',
        relation: m === 0 ? 'head' : 'child',
        birth_date: `${1960 + ((i + m * 11) % 50)}-0${(m % 9) + 1}-1${m % 9}`,
      })),
    },
  };
}

const GIVEN = ['Awa', 'Moussa', 'Fatou', 'Ibrahima', 'Aminata', 'Ousmane', 'Mariama', 'Cheikh', 'Khady', 'Modou'];
const FAMILY = ['Diallo', 'Ndiaye', 'Sow', 'Fall', 'Diop', 'Ba', 'Sy', 'Gueye', 'Faye', 'Camara'];
