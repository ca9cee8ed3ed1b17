import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import {
  type Actor,
  applyAreaScope,
  AuditService,
  conflict,
  type CoreMisModuleDefinition,
  ENABLED_MODULE_DEFINITIONS,
  invalidField,
  notFound,
  paginate,
  RequestContext,
  type ConnectionShape,
} from '@coremis/core';
import { fastMany, likeContains } from '@coremis/core';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { AssignTicketInput, CommentTicketInput, CreateTicketInput, TicketsArgs, TransitionTicketInput } from './dto/ticket.inputs';
import { Category } from './entities/category.entity';
import { TicketEvent } from './entities/ticket-event.entity';
import { ReporterKind, Ticket, TicketChannel, TicketEventKind, TicketStatus, TICKET_TRANSITIONS } from './entities/ticket.entity';

export const SENSITIVE_PERMISSION = 'grm.sensitive.view';
/** Tickets of the same reporter and category within this many days are linked as duplicates. */
export const DUPLICATE_WINDOW_DAYS = 30;
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const randomCode = (length: number) => Array.from({ length }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
export const newReference = () => `GRM-${randomCode(4)}-${randomCode(2)}`;
export const newSecret = () => randomCode(8);
export const hashSecret = (reference: string, secret: string) => createHash('sha256').update(`${reference}:${secret}`).digest('hex');
/** Whether `secret` is the reporter's secret of `reference`, compared in constant time (no timing oracle on the public routes). */
export function secretMatches(storedHash: string | null | undefined, reference: string, secret: string): boolean {
  if (!storedHash) return false;
  const expected = Buffer.from(storedHash, 'hex');
  const given = Buffer.from(hashSecret(reference, secret), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** True when the actor may see sensitive tickets; system work (no actor) sees everything. */
export function canSeeSensitive(actor: Actor | null = RequestContext.actor()): boolean {
  return !actor || actor.permissions.has('*') || actor.permissions.has(SENSITIVE_PERMISSION);
}

export interface NewTicket extends CreateTicketInput {
  secretHash?: string | null;
  reference?: string;
}

/** The data layer of tickets: every read and write is limited to the caller's areas and sensitivity, in SQL. */
@Injectable()
export class TicketService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
    private readonly audit: AuditService,
    @Inject(ENABLED_MODULE_DEFINITIONS) private readonly modules: CoreMisModuleDefinition[],
  ) {}

  /** Every read goes through here: area scope and the sensitive-category rule, in SQL, denied by default. */
  scoped(em: EntityManager = this.dataSource.manager, actor: Actor | null = RequestContext.actor()): SelectQueryBuilder<Ticket> {
    const query = applyAreaScope(em.getRepository(Ticket).createQueryBuilder('r'), 'r.area_path', actor);
    if (!canSeeSensitive(actor)) query.andWhere('r.sensitive = false');
    return query;
  }

  moduleEnabled(key: string): boolean {
    return this.modules.some((m) => m.key === key);
  }

  list(args: TicketsArgs): Promise<ConnectionShape<Ticket>> {
    const query = this.scoped();
    const f = args.filter ?? {};
    const search = f.search?.trim();
    if (search) {
      const pattern = likeContains(search);
      query.andWhere('(r.reference ILIKE :pattern OR r.description ILIKE :pattern)', { pattern });
    }
    if (f.status) query.andWhere('r.status = :status', { status: f.status });
    if (f.channel) query.andWhere('r.channel = :channel', { channel: f.channel });
    if (f.priority) query.andWhere('r.priority = :priority', { priority: f.priority });
    if (f.categoryId) query.andWhere('(r.category_id = :categoryId OR r.category_id IN (SELECT id FROM grm.category WHERE parent_id = :categoryId))', { categoryId: f.categoryId });
    if (f.householdId) query.andWhere('r.household_id = :householdId', { householdId: f.householdId });
    if (f.individualId) query.andWhere('r.individual_id = :individualId', { individualId: f.individualId });
    if (f.assigneeId) query.andWhere('r.assignee_id = :assigneeId', { assigneeId: f.assigneeId });
    if (f.escalated !== undefined) query.andWhere(f.escalated ? 'r.escalated_at IS NOT NULL' : 'r.escalated_at IS NULL');
    return paginate(query, args, [{ expression: 'r.created_at', value: (row) => row.createdAt }], { descending: true, sortTag: 'created' });
  }

  findById(id: string): Promise<Ticket | null> {
    return this.scoped().andWhere('r.id = :id', { id }).getOne();
  }

  /** The events of several tickets (a page's), oldest first within each. */
  eventsOf(ticketIds: readonly string[]): Promise<TicketEvent[]> {
    if (!ticketIds.length) return Promise.resolve([]);
    return fastMany(this.dataSource.getRepository(TicketEvent).createQueryBuilder('e').where('e.ticket_id = ANY(:ticketIds)', { ticketIds }).orderBy('e.created_at').addOrderBy('e.id'));
  }

  /** Creates a ticket: deadline from its category, assignment by category and area, duplicate link. */
  async create(input: NewTicket, em?: EntityManager): Promise<Ticket> {
    const work = async (em: EntityManager) => {
      const area = await this.areas.findById(input.areaId, em);
      // the public form has no login: "outside your areas" would mean nothing to its author
      if (!area) throw invalidField('areaId', input.channel === TicketChannel.PUBLIC_FORM ? 'grm.errors.publicAreaNotFound' : 'grm.errors.areaNotFound');
      const category = await em.getRepository(Category).findOneBy({ id: input.categoryId });
      if (!category) throw invalidField('categoryId', 'grm.errors.categoryNotFound');
      await this.checkLinks(em, input);
      const now = new Date();
      const reporterPhone = input.reporterPhone?.trim() || null;
      const duplicateOf = await this.findDuplicate(em, category.id, reporterPhone, input.individualId ?? null);
      const assignee = await em.query(
        `SELECT assignee_id FROM grm.assignment_rule WHERE category_id = ANY($1) AND $2 LIKE area_path || '%' ORDER BY length(area_path) DESC, category_id = $3 DESC LIMIT 1`,
        [[category.id, category.parentId].filter(Boolean), area.path, category.id],
      );
      const anonymous = input.reporterKind === ReporterKind.ANONYMOUS;
      const record = em.create(Ticket, {
        reference: input.reference ?? (await this.freeReference(em)),
        channel: input.channel,
        categoryId: category.id,
        sensitive: category.sensitive || (await this.parentSensitive(em, category)),
        priority: input.priority,
        status: TicketStatus.RECEIVED,
        description: input.description.trim(),
        reporterKind: input.reporterKind,
        reporterName: anonymous ? null : input.reporterName?.trim() || null,
        reporterPhone: anonymous ? null : reporterPhone,
        hideIdentity: anonymous || !!input.hideIdentity,
        householdId: input.householdId ?? null,
        individualId: input.individualId ?? null,
        programId: input.programId ?? null,
        paymentLineId: input.paymentLineId ?? null,
        areaId: area.id,
        areaPath: area.path,
        assigneeId: assignee[0]?.assignee_id ?? null,
        dueAt: new Date(now.getTime() + category.resolutionDays * 86_400_000),
        duplicateOfId: duplicateOf,
        secretHash: input.secretHash ?? null,
      });
      const saved = await em.save(record);
      await this.event(em, saved.id, { kind: TicketEventKind.CREATED, toStatus: TicketStatus.RECEIVED });
      if (saved.assigneeId) await this.event(em, saved.id, { kind: TicketEventKind.ASSIGNMENT, body: saved.assigneeId, internal: true });
      return saved;
    };
    return em ? work(em) : this.dataSource.transaction(work);
  }

  /** Moves a ticket along the declared transition table; resolving needs a response. */
  async transition(input: TransitionTicketInput): Promise<Ticket> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.locked(em, input.id);
      if (record.version !== input.version) throw conflict('core.errors.staleVersion');
      if (!TICKET_TRANSITIONS[record.status].includes(input.status)) {
        throw invalidField('status', 'grm.errors.transitionNotAllowed', { from: record.status, to: input.status });
      }
      const note = input.note?.trim() || null;
      if (input.status === TicketStatus.RESOLVED) {
        if (!note) throw invalidField('note', 'grm.errors.resolutionRequired');
        record.resolution = note;
      }
      const from = record.status;
      record.status = input.status;
      if (input.status === TicketStatus.REOPENED) {
        record.resolution = null;
        record.escalatedAt = null;
        const category = await em.getRepository(Category).findOneByOrFail({ id: record.categoryId });
        record.dueAt = new Date(Date.now() + category.resolutionDays * 86_400_000);
      }
      const saved = await em.save(record);
      await this.event(em, record.id, { kind: TicketEventKind.TRANSITION, fromStatus: from, toStatus: input.status, body: note, internal: false });
      return saved;
    });
  }

  async assign(input: AssignTicketInput): Promise<Ticket> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.locked(em, input.id);
      if (input.assigneeId) {
        const user = await em.query(`SELECT 1 FROM core."user" WHERE id = $1`, [input.assigneeId]);
        if (!user.length) throw invalidField('assigneeId', 'grm.errors.userNotFound');
      }
      record.assigneeId = input.assigneeId ?? null;
      if (record.status === TicketStatus.RECEIVED) {
        await this.event(em, record.id, { kind: TicketEventKind.TRANSITION, fromStatus: record.status, toStatus: TicketStatus.OPEN });
        record.status = TicketStatus.OPEN;
      }
      const saved = await em.save(record);
      await this.event(em, record.id, { kind: TicketEventKind.ASSIGNMENT, body: record.assigneeId, internal: true });
      return saved;
    });
  }

  async comment(input: CommentTicketInput): Promise<TicketEvent> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.locked(em, input.id);
      return this.event(em, record.id, { kind: TicketEventKind.COMMENT, body: input.body.trim(), internal: input.internal });
    });
  }

  /**
   * Escalates every overdue open ticket once, to its category's supervisor role. Safe to run twice or
   * concurrently: a ticket is taken with SKIP LOCKED and only while `escalated_at` is still null.
   */
  async escalateOverdue(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (em) => {
        // an UPDATE ... RETURNING answers [rows, affected count]
        const [rows]: [{ id: string; role: string | null }[], number] = await em.query(
          `UPDATE grm.ticket t SET escalated_at = $1, escalated_to_role = c.supervisor_role, version = t.version + 1, updated_at = now()
             FROM grm.category c
            WHERE c.id = t.category_id
              AND t.id IN (SELECT id FROM grm.ticket
                            WHERE escalated_at IS NULL AND status NOT IN ('RESOLVED', 'CLOSED') AND due_at < $1
                            ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED)
          RETURNING t.id, t.escalated_to_role AS role`,
          [now],
        );
        if (!rows.length) return 0;
        await em.query(
          `INSERT INTO grm.ticket_event (ticket_id, kind, body, internal) SELECT u.id, 'ESCALATION', u.role, true FROM unnest($1::uuid[], $2::text[]) AS u(id, role)`,
          [rows.map((r) => r.id), rows.map((r) => r.role)],
        );
        for (const row of rows) {
          await this.audit.record(em, { action: 'ESCALATE', entityType: 'Ticket', entityId: row.id, changes: { escalatedToRole: { before: null, after: row.role } } });
        }
        return rows.length;
      });
      total += done;
      if (!done) return total;
    }
  }

  /** The public follow view: by reference and secret, no login; only shared messages. */
  async follow(reference: string, secret: string) {
    const row = await this.dataSource
      .getRepository(Ticket)
      .createQueryBuilder('r')
      .addSelect('r.secretHash')
      .where('r.reference = :reference', { reference })
      .getOne();
    if (!row || !secretMatches(row.secretHash, reference, secret)) return null;
    const messages = await this.dataSource.getRepository(TicketEvent).find({
      where: [
        { ticketId: row.id, kind: TicketEventKind.COMMENT, internal: false },
        { ticketId: row.id, kind: TicketEventKind.TRANSITION, internal: false },
      ],
      order: { createdAt: 'ASC' },
    });
    return {
      reference: row.reference,
      status: row.status,
      receivedAt: row.createdAt,
      resolution: row.resolution,
      messages: messages.filter((m) => m.body).map((m) => ({ at: m.createdAt, body: m.body! })),
    };
  }

  private async locked(em: EntityManager, id: string): Promise<Ticket> {
    const record = await this.scoped(em).andWhere('r.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!record) throw notFound('grm.errors.notFound');
    return record;
  }

  private async event(em: EntityManager, ticketId: string, data: Partial<TicketEvent>): Promise<TicketEvent> {
    return em.save(em.create(TicketEvent, { ticketId, internal: false, actorId: RequestContext.actor()?.userId ?? null, ...data }));
  }

  private async parentSensitive(em: EntityManager, category: Category): Promise<boolean> {
    if (!category.parentId) return false;
    return (await em.getRepository(Category).findOneBy({ id: category.parentId }))?.sensitive ?? false;
  }

  private async freeReference(em: EntityManager): Promise<string> {
    for (let i = 0; i < 10; i++) {
      const reference = newReference();
      if (!(await em.query(`SELECT 1 FROM grm.ticket WHERE reference = $1`, [reference])).length) return reference;
    }
    throw conflict('grm.errors.referenceExhausted');
  }

  private async findDuplicate(em: EntityManager, categoryId: string, phone: string | null, individualId: string | null): Promise<string | null> {
    if (!phone && !individualId) return null;
    const rows = await em.query(
      `SELECT id FROM grm.ticket
        WHERE category_id = $1 AND created_at > now() - make_interval(days => $4)
          AND (($2::text IS NOT NULL AND reporter_phone = $2) OR ($3::uuid IS NOT NULL AND individual_id = $3))
        ORDER BY created_at LIMIT 1`,
      [categoryId, phone, individualId, DUPLICATE_WINDOW_DAYS],
    );
    return rows[0]?.id ?? null;
  }

  /** Links to other modules: registry always; programs and payment only when enabled (by id, no import). */
  private async checkLinks(em: EntityManager, input: CreateTicketInput): Promise<void> {
    if (input.householdId) {
      const found = await applyAreaScope(em.createQueryBuilder().select('h.id').from('registry.household', 'h').where('h.id = :id', { id: input.householdId }), 'h.area_path').getRawOne();
      if (!found) throw invalidField('householdId', 'grm.errors.householdNotFound');
    }
    if (input.individualId) {
      const found = await applyAreaScope(
        em.createQueryBuilder().select('i.id').from('registry.individual', 'i').where('i.id = :id', { id: input.individualId }),
        'i.area_path',
      ).getRawOne();
      if (!found) throw invalidField('individualId', 'grm.errors.individualNotFound');
    }
    if (input.programId) {
      if (!this.moduleEnabled('programs')) throw invalidField('programId', 'grm.errors.moduleDisabled', { module: 'programs' });
      const found = await em.query(`SELECT 1 FROM programs.program WHERE id = $1`, [input.programId]);
      if (!found.length) throw invalidField('programId', 'grm.errors.programNotFound');
    }
    if (input.paymentLineId) {
      if (!this.moduleEnabled('payment')) throw invalidField('paymentLineId', 'grm.errors.moduleDisabled', { module: 'payment' });
      const found = await applyAreaScope(
        em.createQueryBuilder().select('l.id').from('payment.payroll_line', 'l').where('l.id = :id', { id: input.paymentLineId }),
        'l.area_path',
      ).getRawOne();
      if (!found) throw invalidField('paymentLineId', 'grm.errors.paymentLineNotFound');
    }
  }
}
