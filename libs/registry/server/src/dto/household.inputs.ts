import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, GraphQLJSON, SortDirection } from '@coremis/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsIn, IsInt, IsISO8601, IsLatitude, IsLongitude, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { HouseholdStatus, RecipientRole, Relationship, VOCABULARY } from '../registry-vocabulary';
import { NewMemberInput } from './individual.inputs';

@InputType({ isAbstract: true })
export abstract class HouseholdFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  longitude?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  rooms?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.wallMaterial)
  wallMaterial?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.roofMaterial)
  roofMaterial?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.floorMaterial)
  floorMaterial?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.waterSource)
  waterSource?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.sanitation)
  sanitation?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.lighting)
  lighting?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(VOCABULARY.cookingFuel)
  cookingFuel?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsIn(VOCABULARY.assets, { each: true })
  assets?: string[];

  @Field(() => GraphQLJSON, { nullable: true })
  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;
}

@InputType()
export class CreateHouseholdInput extends HouseholdFields {
  @Field(() => ID)
  @IsUUID()
  areaId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  registrationDate?: string | null;

  @Field(() => [NewMemberInput], { description: 'The roster, with exactly one HEAD.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NewMemberInput)
  members: NewMemberInput[];
}

@InputType()
export class UpdateHouseholdInput extends HouseholdFields {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version read by the client; a stale one is refused.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @Field(() => HouseholdStatus, { nullable: true })
  @IsOptional()
  @IsEnum(HouseholdStatus)
  status?: HouseholdStatus;
}

@InputType()
export class AddHouseholdMemberInput {
  @Field(() => ID)
  @IsUUID()
  householdId: string;

  @Field(() => NewMemberInput)
  @ValidateNested()
  @Type(() => NewMemberInput)
  member: NewMemberInput;
}

@InputType()
export class MoveMemberInput {
  @Field(() => ID)
  @IsUUID()
  individualId: string;

  @Field(() => ID)
  @IsUUID()
  householdId: string;

  @Field(() => Relationship)
  @IsEnum(Relationship)
  relationship: Relationship;
}

@InputType()
export class RemoveMemberInput {
  @Field(() => ID)
  @IsUUID()
  individualId: string;

  @Field({ description: 'Why the person left (e.g. MOVED_OUT, DECEASED, ERROR).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  @Matches(/^[A-Z_]+$/)
  reason: string;
}

@InputType()
export class SetHouseholdHeadInput {
  @Field(() => ID)
  @IsUUID()
  householdId: string;

  @Field(() => ID)
  @IsUUID()
  individualId: string;

  @Field(() => Relationship, { description: 'The new relationship of the former head to the new one.' })
  @IsEnum(Relationship)
  previousHeadRelationship: Relationship;
}

@InputType()
export class SetRecipientInput {
  @Field(() => ID)
  @IsUUID()
  householdId: string;

  @Field(() => ID)
  @IsUUID()
  individualId: string;

  @Field(() => RecipientRole, { nullable: true, description: 'PRIMARY, ALTERNATE, or null to clear the role.' })
  @IsOptional()
  @IsEnum(RecipientRole)
  role?: RecipientRole | null;
}

@InputType()
export class HouseholdFilter {
  @Field({ nullable: true, description: 'Household code, a member name (fuzzy), a document number or a phone.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Within this area and the areas below it.' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @Field(() => HouseholdStatus, { nullable: true })
  @IsOptional()
  @IsEnum(HouseholdStatus)
  status?: HouseholdStatus;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Extra fields that must match exactly (JSON containment).' })
  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;
}

/** Sort keys of the household list: only orders an index serves (a sort over the whole registry per page is refused by design). */
export enum HouseholdSortField {
  CODE = 'CODE',
}
registerEnumType(HouseholdSortField, { name: 'HouseholdSortField' });

@InputType()
export class HouseholdOrder {
  @Field(() => HouseholdSortField)
  @IsEnum(HouseholdSortField)
  field: HouseholdSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class HouseholdsArgs extends ConnectionArgs {
  @Field(() => HouseholdOrder, { nullable: true, description: 'Server-side sort; the cursor is bound to it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HouseholdOrder)
  orderBy?: HouseholdOrder;

  @Field(() => HouseholdFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HouseholdFilter)
  filter?: HouseholdFilter;
}

