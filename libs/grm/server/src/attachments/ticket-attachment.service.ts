import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, RateLimiterService, RequestContext, type SmallFile } from '@coremis/core';
import { DataSource, In, type Repository } from 'typeorm';
import { Ticket } from '../entities/ticket.entity';
import { limitPublicCaller } from '../public-rate-limit';
import { secretMatches, TicketService } from '../ticket.service';
import { TicketAttachment } from './ticket-attachment.entity';

/** Attachments a ticket may hold in all, and of them from the reporter on the public form. */
export const MAX_ATTACHMENTS_PER_TICKET = 10;
export const MAX_REPORTER_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** Public attachment uploads per client address and hour. */
export const PUBLIC_ATTACHMENT_RATE_PER_HOUR = 20;

export type AttachmentView = Omit<TicketAttachment, 'content'>;

/** Reads go through the ticket's own scope (areas and the sensitive rule): an attachment is visible only with its ticket. */
@Injectable()
export class TicketAttachmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly rateLimiter: RateLimiterService,
  ) {}

  /** Attachments of tickets the caller already read (the field resolver's batch), without their content. */
  async ofTickets(ticketIds: readonly string[]): Promise<Map<string, AttachmentView[]>> {
    const rows = await this.dataSource.getRepository(TicketAttachment).find({ where: { ticketId: In([...ticketIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const byTicket = new Map<string, AttachmentView[]>(ticketIds.map((id) => [id, []]));
    for (const row of rows) byTicket.get(row.ticketId)?.push(row);
    return byTicket;
  }

  /** Staff: a ticket in the caller's scope (locked, so two uploads cannot both take the last place). */
  async addByStaff(ticketId: string, file: SmallFile): Promise<AttachmentView> {
    return this.dataSource.transaction(async (em) => {
      const ticket = await this.tickets.scoped(em).andWhere('r.id = :id', { id: ticketId }).setLock('pessimistic_write').getOne();
      if (!ticket) throw new AppError('NOT_FOUND', 'grm.errors.notFound');
      return this.insert(em.getRepository(TicketAttachment), ticket.id, file, false);
    });
  }

  /** The reporter, with the reference and secret of the receipt; a wrong pair is "not found", as for following. */
  async addByReporter(reference: string, secret: string, file: SmallFile | (() => Promise<SmallFile>)): Promise<AttachmentView> {
    // the limit, then the secret, then the upload's bytes: a flood or a guess is refused before its body is read
    await limitPublicCaller(this.rateLimiter, 'grm-public-attachment', PUBLIC_ATTACHMENT_RATE_PER_HOUR);
    const known = await this.dataSource.getRepository(Ticket).createQueryBuilder('r').addSelect('r.secretHash').where('r.reference = :reference', { reference }).getOne();
    if (!known || !secretMatches(known.secretHash, reference, secret)) throw new AppError('NOT_FOUND', 'grm.errors.notFound');
    const content = typeof file === 'function' ? await file() : file;
    return this.dataSource.transaction(async (em) => {
      const ticket = await em.getRepository(Ticket).createQueryBuilder('r').addSelect('r.secretHash').where('r.reference = :reference', { reference }).setLock('pessimistic_write').getOne();
      if (!ticket || !secretMatches(ticket.secretHash, reference, secret)) throw new AppError('NOT_FOUND', 'grm.errors.notFound');
      const fromReporter = await em.getRepository(TicketAttachment).countBy({ ticketId: ticket.id, fromReporter: true });
      if (fromReporter >= MAX_REPORTER_ATTACHMENTS) throw new AppError('CONFLICT', 'grm.attachments.tooMany', { max: MAX_REPORTER_ATTACHMENTS });
      return this.insert(em.getRepository(TicketAttachment), ticket.id, content, true);
    });
  }

  /** The file with its content, when its ticket is visible to the caller. */
  async download(id: string): Promise<TicketAttachment | null> {
    const file = await this.dataSource.getRepository(TicketAttachment).createQueryBuilder('a').addSelect('a.content').where('a.id = :id', { id }).getOne();
    if (!file || !(await this.tickets.findById(file.ticketId))) return null;
    return file;
  }

  private async insert(attachments: Repository<TicketAttachment>, ticketId: string, file: SmallFile, fromReporter: boolean): Promise<AttachmentView> {
    if ((await attachments.countBy({ ticketId })) >= MAX_ATTACHMENTS_PER_TICKET) throw new AppError('CONFLICT', 'grm.attachments.tooMany', { max: MAX_ATTACHMENTS_PER_TICKET });
    const saved = await attachments.save(
      attachments.create({ ticketId, name: file.name, contentType: file.contentType, size: file.content.length, sha256: file.sha256, content: file.content, fromReporter, createdBy: RequestContext.actor()?.userId ?? null }),
    );
    const { content: _content, ...view } = saved;
    return view as AttachmentView;
  }
}
