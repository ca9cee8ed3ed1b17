import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ChangeRecordType } from '../entities/data-change-request.entity';
import { CHANGE_FIELD_PATTERN } from '../changes/data-change.inputs';

@InputType()
export class BulkUpdateColumnInput {
  @Field({ description: 'A header of the file.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  column: string;

  @Field({ description: 'The field the column sets: a registry field (`address`) or `extra.<property>`.' })
  @IsString()
  @Matches(CHANGE_FIELD_PATTERN)
  field: string;
}

@InputType()
export class CreateBulkUpdateInput {
  @Field(() => ID, { description: 'A file sent to POST /api/grm/bulk-updates/uploads.' })
  @IsUUID()
  uploadId: string;

  @Field(() => ChangeRecordType)
  @IsEnum(ChangeRecordType)
  recordType: ChangeRecordType;

  @Field({ description: 'The header of the column holding the record ids.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idColumn: string;

  @Field(() => [BulkUpdateColumnInput])
  @ValidateNested({ each: true })
  @Type(() => BulkUpdateColumnInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  columns: BulkUpdateColumnInput[];

  @Field(() => String, { nullable: true, description: 'CSV: the field separator (detected otherwise).' })
  @IsOptional()
  @IsIn([',', ';', '\t', '|'])
  separator?: ',' | ';' | '\t' | '|' | null;

  @Field(() => String, { nullable: true, description: 'CSV: UTF8 or WINDOWS1252 (UTF8 otherwise).' })
  @IsOptional()
  @IsIn(['UTF8', 'WINDOWS1252'])
  encoding?: 'UTF8' | 'WINDOWS1252' | null;

  @Field(() => String, { nullable: true, description: 'XLSX: the sheet (the first one otherwise).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sheet?: string | null;
}

