import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectorKind } from '../intake-vocabulary';
import { TARGET_PATTERN } from '../mapping/form-mapping';

export const INTAKE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const FORM_PATH = /^[A-Za-z_][\w.-]*(\/[A-Za-z_][\w.-]*)*$/;

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

  @Field(() => ConnectorKind)
  @IsEnum(ConnectorKind)
  kind: ConnectorKind;

  @Field()
  @IsUrl(URL_OPTIONS)
  @MaxLength(500)
  serverUrl: string;

  @Field({ description: 'KoBo asset uid, or the ODK xmlFormId.' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/)
  formId: string;

  @Field(() => String, { nullable: true, description: 'ODK Central project id (required for ODK).' })
  @IsOptional()
  @Matches(/^[0-9]{1,10}$/)
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: 'ODK Central user e-mail (required for ODK).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  username?: string | null;

  @Field({ description: 'KoBo API token or ODK password: stored sealed, never returned.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  secret: string;

  @Field(() => ID, { description: 'The area the connector collects in, within the caller\'s areas.' })
  @IsUUID()
  areaId: string;

  @Field(() => Int, { nullable: true, description: 'Minutes between scheduled pulls (5 to 10080); null for pulls on demand only.' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10080)
  pullIntervalMinutes?: number | null;
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

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(500)
  serverUrl?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/)
  formId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{1,10}$/)
  projectId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  username?: string | null;

  @Field({ nullable: true, description: 'A new token or password; left out, the stored one stays.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  secret?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10080)
  pullIntervalMinutes?: number | null;
}

@InputType()
export class MappingRuleInput {
  @Field({ description: 'household.areaCode, member.givenName, household.extra.<key>, ...' })
  @Matches(TARGET_PATTERN)
  target: string;

  @Field({ description: 'Form path, e.g. hh/area or hh/members/given_name.' })
  @MaxLength(300)
  @Matches(FORM_PATH)
  path: string;
}

@InputType()
export class ChoiceRuleInput {
  @Field()
  @Matches(TARGET_PATTERN)
  target: string;

  @Field({ description: 'The choice name in the form.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  value: string;

  @Field({ description: 'The registry code it stands for.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code: string;
}

@InputType()
export class FormMappingInput {
  @Field(() => String, { nullable: true, description: 'Path of the member repeat group.' })
  @IsOptional()
  @MaxLength(300)
  @Matches(FORM_PATH)
  membersPath?: string | null;

  @Field(() => [MappingRuleInput])
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MappingRuleInput)
  rules: MappingRuleInput[];

  @Field(() => [ChoiceRuleInput])
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ChoiceRuleInput)
  choices: ChoiceRuleInput[];

  @Field(() => String, { nullable: true, description: 'Country calling code for local phone numbers, e.g. 221.' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,2}$/)
  phoneCountry?: string | null;
}

@InputType()
export class SaveMappingInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => FormMappingInput)
  @ValidateNested()
  @Type(() => FormMappingInput)
  mapping: FormMappingInput;
}

@InputType()
export class PreviewMappingInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => FormMappingInput)
  @ValidateNested()
  @Type(() => FormMappingInput)
  mapping: FormMappingInput;

  @Field(() => Int, { defaultValue: 5 })
  @IsInt()
  @Min(1)
  @Max(20)
  limit: number;
}
