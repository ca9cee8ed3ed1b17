import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export const INTAKE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

@InputType()
export class ConnectorFilter {
  @Field({ nullable: true, description: 'Part of the code or the name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class ConnectorsArgs extends ConnectionArgs {
  @Field(() => ConnectorFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConnectorFilter)
  filter?: ConnectorFilter;
}

@InputType()
export class CreateConnectorInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(INTAKE_CODE_PATTERN)
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
export class UpdateConnectorInput {
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
