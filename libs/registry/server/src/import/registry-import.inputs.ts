import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from '@coremis/core';
import { IsBoolean, IsEnum, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export enum ImportLayoutEnum {
  ONE_FILE = 'ONE_FILE',
  TWO_FILES = 'TWO_FILES',
}
export enum ImportModeEnum {
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  VALID_ONLY = 'VALID_ONLY',
}
registerEnumType(ImportLayoutEnum, { name: 'ImportLayout', description: 'ONE_FILE: members with their household columns on each row; TWO_FILES: households and members joined on a key.' });
registerEnumType(ImportModeEnum, { name: 'ImportMode', description: 'ALL_OR_NOTHING writes nothing unless every row is valid; VALID_ONLY writes the valid households and reports the others.' });

@InputType()
export class StartRegistryImportInput {
  @Field(() => ImportLayoutEnum)
  @IsEnum(ImportLayoutEnum)
  layout: ImportLayoutEnum;

  @Field(() => ID, { description: 'The members file (or the single file).' })
  @IsUUID()
  membersUploadId: string;

  @Field(() => ID, { nullable: true, description: 'The households file, with TWO_FILES.' })
  @IsOptional()
  @IsUUID()
  householdsUploadId?: string | null;

  @Field(() => GraphQLJSON, { description: '{ "members": { "<field>": "<column>" }, "households": { ... } }; extra fields as "extra.<property>".' })
  @IsObject()
  mapping: { members: Record<string, string>; households?: Record<string, string> };

  @Field(() => ImportModeEnum)
  @IsEnum(ImportModeEnum)
  mode: ImportModeEnum;

  @Field({ defaultValue: false, description: 'Check every row and report, without writing anything.' })
  @IsBoolean()
  validateOnly: boolean;

  @Field({ defaultValue: true, description: 'After writing, look for duplicates of the new people in the registry.' })
  @IsBoolean()
  checkDuplicates: boolean;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      '{ "read": { "members": { "separator", "encoding", "sheet" }, "households": {...} }, "transforms": { "recode": { "<field>": { "<value>": "<code>" } }, "fixed": { "<field>": "<value>" }, "dates": { "<field>": "YMD|DMY|MDY" }, "yearPivot": 0-99, "nameOrder": "FAMILY_FIRST|GIVEN_FIRST" } }',
  })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown> | null;
}

@InputType()
export class SaveImportTemplateInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @Field(() => ImportLayoutEnum)
  @IsEnum(ImportLayoutEnum)
  layout: ImportLayoutEnum;

  @Field(() => GraphQLJSON)
  @IsObject()
  mapping: Record<string, unknown>;
}
