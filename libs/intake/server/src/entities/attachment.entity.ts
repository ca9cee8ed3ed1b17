import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A file that came with a submission (a photo), downloaded once and kept with it. */
@ObjectType('IntakeAttachment')
@Entity({ schema: 'intake', name: 'attachment' })
export class SubmissionAttachment extends CoreEntity {
  @Field(() => ID)
  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @Field({ description: 'The file name the form recorded.' })
  @Column({ type: 'varchar', length: 300 })
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
}
