import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AREA_CODE_PATTERN } from './admin-area.inputs';

/** Levels a hierarchy may have, the root included: the registry import maps one name column per level below it (areaLevel1..5). */
export const MAX_LEVELS = 6;

@InputType()
export class AdminLevelInput {
  @Field({ description: 'Short code used by the hierarchy CSV (column "level"), e.g. province, commune, colline.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(AREA_CODE_PATTERN)
  code: string;

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
export class SetAdminLevelsInput {
  @Field(() => [AdminLevelInput], { description: 'Every level, root first: the position is the depth.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LEVELS)
  @ValidateNested({ each: true })
  @Type(() => AdminLevelInput)
  levels: AdminLevelInput[];
}
