import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Audited, CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A photo or scanned document attached to a ticket (a receipt, a letter), by staff or by the reporter on the public form. */
@ObjectType()
@Audited({ ignore: ['content'] })
@Entity({ schema: 'grm', name: 'ticket_attachment' })
export class TicketAttachment extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field()
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content?: Buffer;

  @Field({ description: 'Sent by the reporter with the public form, not by staff.' })
  @Column({ name: 'from_reporter', type: 'boolean', default: false })
  fromReporter: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
