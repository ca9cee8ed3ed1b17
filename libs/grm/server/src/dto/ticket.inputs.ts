import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export const GRM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

@InputType()
export class TicketFilter {
  @Field({ nullable: true, description: 'Part of the code or the name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
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

  @Field(() => ID, { description: 'An administrative area within the caller\'s areas.' })
  @IsUUID()
  areaId: string;
}

@InputType()
export class UpdateTicketInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version read by the client; a stale one is refused.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  areaId?: string;
}
