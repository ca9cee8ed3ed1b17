import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export const AREA_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

@InputType()
export class CreateAdminAreaInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(AREA_CODE_PATTERN)
  code: string;

  @Field(() => ID)
  @IsUUID()
  levelId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameFr?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  namePt?: string | null;
}

@InputType()
export class UpdateAdminAreaInput {
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
  @MaxLength(50)
  @Matches(AREA_CODE_PATTERN)
  code?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameFr?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  namePt?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

@InputType()
export class AdminAreaFilter {
  @Field({ nullable: true, description: 'Code prefix or part of a name (any language, accents and case ignored).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  levelId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  rootsOnly?: boolean;
}

@ArgsType()
export class AdminAreasArgs extends ConnectionArgs {
  @Field(() => AdminAreaFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdminAreaFilter)
  filter?: AdminAreaFilter;
}

@InputType()
export class ImportAdminAreasInput {
  @Field(() => ID, { description: 'The CSV file (header: level,code,parent_code,name_en,name_fr,name_pt) sent first to POST /api/geo/imports/uploads?name=<file>.' })
  @IsUUID()
  uploadId: string;

  @Field({ nullable: true, defaultValue: false, description: 'Only validate and report; write nothing.' })
  @IsOptional()
  @IsBoolean()
  validateOnly?: boolean;
}
