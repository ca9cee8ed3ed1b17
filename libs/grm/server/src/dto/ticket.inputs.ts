import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs, Trim } from '@coremis/core';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ReporterKind, TicketChannel, TicketPriority, TicketStatus } from '../entities/ticket.entity';

export const GRM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const GRM_REFERENCE_PATTERN = /^GRM-[0-9A-Z]{4}-[0-9A-Z]{2}$/;

@InputType()
export class TicketFilter {
  @Field({ nullable: true, description: 'Part of the reference or the description, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => TicketStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @Field(() => TicketChannel, { nullable: true })
  @IsOptional()
  @IsEnum(TicketChannel)
  channel?: TicketChannel;

  @Field(() => TicketPriority, { nullable: true })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  individualId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @Field({ nullable: true, description: 'Only tickets escalated past their deadline.' })
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;
}

@ArgsType()
export class TicketsArgs extends ConnectionArgs {
  @Field(() => TicketFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TicketFilter)
  filter?: TicketFilter;
}

@InputType()
export class CreateTicketInput {
  @Field(() => TicketChannel)
  @IsEnum(TicketChannel)
  channel: TicketChannel;

  @Field(() => ID)
  @IsUUID()
  categoryId: string;

  @Field(() => TicketPriority, { nullable: true })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description: string;

  @Field(() => ReporterKind)
  @IsEnum(ReporterKind)
  reporterKind: ReporterKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reporterName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{4,40}$/)
  reporterPhone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  hideIdentity?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  individualId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  programId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  paymentLineId?: string;

  @Field(() => ID, { description: 'An administrative area within the caller\'s areas.' })
  @IsUUID()
  areaId: string;
}

@InputType()
export class TransitionTicketInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version read by the client; a stale one is refused.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => TicketStatus)
  @IsEnum(TicketStatus)
  status: TicketStatus;

  @Field({ nullable: true, description: 'Required when resolving: the response to the reporter.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

@InputType()
export class AssignTicketInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

@InputType()
export class CommentTicketInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  body: string;

  @Field({ description: 'Internal comments are never shown to the reporter.' })
  @IsBoolean()
  internal: boolean;
}

@InputType()
export class SaveCategoryInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(GRM_CODE_PATTERN)
  code: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  resolutionDays?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  supervisorRole?: string;
}

@InputType()
export class SaveAssignmentRuleInput {
  @Field(() => ID)
  @IsUUID()
  categoryId: string;

  @Field(() => ID)
  @IsUUID()
  areaId: string;

  @Field(() => ID)
  @IsUUID()
  assigneeId: string;
}

@InputType()
export class PublicComplaintInput {
  @Field(() => ID)
  @IsUUID()
  categoryId: string;

  @Field(() => ID)
  @IsUUID()
  areaId: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{4,40}$/)
  phone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}

@ArgsType()
export class FollowTicketArgs {
  @Field()
  @IsString()
  @Matches(GRM_REFERENCE_PATTERN)
  reference: string;

  @Field()
  @IsString()
  @Matches(/^[0-9A-Z]{8}$/)
  secret: string;
}
