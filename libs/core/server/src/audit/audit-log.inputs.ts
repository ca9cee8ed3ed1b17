import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs, SortDirection } from '../graphql/connection';

@InputType()
export class AuditLogFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact user name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  username?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. AdminArea.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. UPDATE, LOGIN_FAILED.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{0,49}$/)
  action?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'From this instant, included.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Up to this instant, excluded.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter | null;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'By date of the entry: DESC (newest first) or ASC.' })
  @IsEnum(SortDirection)
  order: SortDirection = SortDirection.DESC;
}

@InputType({ description: 'A head of the chain exported earlier (a line of AUDIT_ANCHOR_FILE or of the audit anchor log).' })
export class AuditAnchorInput {
  @Field(() => ID)
  @IsString()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'id must be an audit row id' })
  id: string;

  @Field()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be 64 hexadecimal digits' })
  hash: string;
}

export const MAX_VERIFY_ANCHORS = 1000;

@ArgsType()
export class VerifyAuditTrailArgs {
  @Field(() => [AuditAnchorInput], { nullable: true, description: 'Checked besides those of AUDIT_ANCHOR_FILE: each must still name a row with the same hash.' })
  @IsOptional()
  @ArrayMaxSize(MAX_VERIFY_ANCHORS)
  @ValidateNested({ each: true })
  @Type(() => AuditAnchorInput)
  anchors?: AuditAnchorInput[] | null;
}
