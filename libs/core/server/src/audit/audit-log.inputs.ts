import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../graphql/connection';

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
  @IsDate()
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Up to this instant, excluded.' })
  @IsOptional()
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
}
