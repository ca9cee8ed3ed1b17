import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection';
import { GraphQLJSON } from '../graphql/json.scalar';

@ObjectType({ description: 'One row of the audit trail: who did what to which record, when, from which request.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Strictly increasing: the order of the chain.' })
  id: string;

  @Field(() => GraphQLISODateTime)
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field({ description: 'CREATE, UPDATE, DELETE, IMPORT, LOGIN, LOGIN_FAILED, ACCESS_DENIED, APPROVE, REJECT…' })
  action: string;

  @Field(() => String, { nullable: true })
  entityType: string | null;

  @Field(() => String, { nullable: true })
  entityId: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Per changed field: { before, after }.' })
  changes: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  details: unknown;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => String, { nullable: true })
  ip: string | null;
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry) {}

@ObjectType()
export class AuditVerification {
  @Field({ description: 'True when every row matches its hash and links to the row before it.' })
  ok: boolean;

  @Field(() => Float, { description: 'Rows checked (up to and including the first broken one).' })
  checked: number;

  @Field(() => ID, { nullable: true })
  firstBrokenId: string | null;

  @Field(() => ID, { nullable: true, description: 'Newest row checked; note it with lastHash outside the database to detect a rewritten chain.' })
  lastId: string | null;

  @Field(() => String, { nullable: true })
  lastHash: string | null;

  @Field(() => Int, { description: 'Exported anchors compared with the rows they name.' })
  anchorsChecked: number;

  @Field(() => ID, { nullable: true, description: 'The first anchor whose row is gone or differs: newest rows were deleted or rewritten.' })
  failedAnchorId: string | null;
}
