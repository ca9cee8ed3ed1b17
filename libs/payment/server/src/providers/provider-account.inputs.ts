import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@coremis/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PAYMENT_CODE_PATTERN } from '../dto/cycle.inputs';
import { ProviderKindCode } from './provider-account.entity';

/** http(s) URL without credentials, query or fragment. */
export const PROVIDER_URL_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~\-/%]*)?$/;
export const CREDENTIAL_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

@InputType()
export class ProviderCredentialInput {
  @Field({ description: 'Credential name, e.g. apiUser, subscriptionKey, consumerSecret, tenant.' })
  @IsString()
  @Matches(CREDENTIAL_KEY_PATTERN)
  key: string;

  @Field({ description: 'Write-only: stored sealed, never returned. Empty keeps the stored value.' })
  @IsString()
  @MaxLength(4000)
  value: string;
}

@InputType()
export class ProviderAccountFilter {
  @Field({ nullable: true, description: 'Part of the code or the name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field({ nullable: true, description: 'Only active (true) or inactive (false) accounts.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class ProviderAccountsArgs extends ConnectionArgs {
  @Field(() => ProviderAccountFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProviderAccountFilter)
  filter?: ProviderAccountFilter;
}

@InputType()
export class CreateProviderAccountInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(PAYMENT_CODE_PATTERN)
  code: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field(() => ProviderKindCode)
  @IsEnum(ProviderKindCode)
  kind: ProviderKindCode;

  @Field()
  @IsString()
  @MaxLength(500)
  @Matches(PROVIDER_URL_PATTERN)
  baseUrl: string;

  @Field()
  @Matches(/^[A-Z]{3}$/)
  currency: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(120000)
  timeoutMs?: number;

  @Field(() => [ProviderCredentialInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => ProviderCredentialInput)
  credentials: ProviderCredentialInput[];

  @Field({ nullable: true, description: 'Write-only. The secret the provider signs callbacks with (PH-EE); generated when omitted.' })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  callbackSecret?: string;
}

@InputType()
export class UpdateProviderAccountInput {
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
  @IsString()
  @MaxLength(500)
  @Matches(PROVIDER_URL_PATTERN)
  baseUrl?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(120000)
  timeoutMs?: number;

  @Field(() => [ProviderCredentialInput], { nullable: true, description: 'Credentials to set; a name with an empty value keeps its stored value.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => ProviderCredentialInput)
  credentials?: ProviderCredentialInput[];

  @Field(() => [String], { nullable: true, description: 'Credential names to remove.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(CREDENTIAL_KEY_PATTERN, { each: true })
  removeCredentials?: string[];

  @Field({ nullable: true, description: 'Write-only: a new callback secret.' })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  callbackSecret?: string;

  @Field({ nullable: true, description: 'Generate a new callback secret (for providers that call back a URL we issue).' })
  @IsOptional()
  @IsBoolean()
  rotateCallbackSecret?: boolean;
}

@InputType()
export class DeactivateProviderAccountInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;
}
