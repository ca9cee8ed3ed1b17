import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, GraphQLJSON, SortDirection } from '@coremis/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PHONE_PATTERN, RecipientRole, Relationship, Sex, VOCABULARY } from '../registry-vocabulary';

@InputType()
export class DocumentInput {
  @Field()
  @IsIn(VOCABULARY.documentType)
  type: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/)
  number: string;
}

/** Person fields shared by creation and edition. */
@InputType({ isAbstract: true })
export abstract class PersonFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  otherNames?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  birthDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'When the birth date is unknown: the age in years, stored as an estimated birth date.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  estimatedAge?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.maritalStatus)
  maritalStatus?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.disability)
  disability?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.education)
  education?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  occupation?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @Matches(PHONE_PATTERN, { each: true })
  phones?: string[];

  @Field(() => GraphQLJSON, { nullable: true })
  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;
}

@InputType()
export class NewMemberInput extends PersonFields {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName: string;

  @Field(() => Sex)
  @IsEnum(Sex)
  sex: Sex;

  @Field(() => Relationship)
  @IsEnum(Relationship)
  relationship: Relationship;

  @Field(() => RecipientRole, { nullable: true })
  @IsOptional()
  @IsEnum(RecipientRole)
  recipientRole?: RecipientRole | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalId?: string | null;

  @Field(() => [DocumentInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DocumentInput)
  documents?: DocumentInput[];
}

@InputType()
export class UpdateIndividualInput extends PersonFields {
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
  @MaxLength(100)
  givenName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName?: string;

  @Field(() => Sex, { nullable: true })
  @IsOptional()
  @IsEnum(Sex)
  sex?: Sex;

  @Field(() => [DocumentInput], { nullable: true, description: 'When given, replaces the list of documents.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DocumentInput)
  documents?: DocumentInput[];
}

@InputType()
export class IndividualFilter {
  @Field({ nullable: true, description: 'Name (fuzzy, accent- and case-insensitive), document number or phone.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  documentNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @Field(() => ID, { nullable: true, description: 'Within this area and the areas below it.' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @Field(() => Sex, { nullable: true })
  @IsOptional()
  @IsEnum(Sex)
  sex?: Sex;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Extra fields that must match exactly (JSON containment).' })
  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;

  @Field({ nullable: true, description: 'Include merged records (left out by default).' })
  @IsOptional()
  @IsBoolean()
  includeMerged?: boolean;
}

/** Sort keys of the individual list: only orders an index serves (a sort over the whole registry per page is refused by design). */
export enum IndividualSortField {
  FAMILY_NAME = 'FAMILY_NAME',
  GIVEN_NAME = 'GIVEN_NAME',
}
registerEnumType(IndividualSortField, { name: 'IndividualSortField' });

@InputType()
export class IndividualOrder {
  @Field(() => IndividualSortField)
  @IsEnum(IndividualSortField)
  field: IndividualSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class IndividualsArgs extends ConnectionArgs {
  @Field(() => IndividualOrder, { nullable: true, description: 'Server-side sort; the cursor is bound to it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndividualOrder)
  orderBy?: IndividualOrder;

  @Field(() => IndividualFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndividualFilter)
  filter?: IndividualFilter;
}
