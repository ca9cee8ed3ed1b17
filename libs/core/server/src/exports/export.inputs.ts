import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GraphQLJSON } from '../graphql/json.scalar';

export enum ExportFormatEnum {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormatEnum, { name: 'ExportFormat' });

@InputType()
export class StartExportInput {
  @Field({ description: 'The exportable list, e.g. registry.households.' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/)
  list: string;

  @Field(() => ExportFormatEnum)
  @IsIn(Object.values(ExportFormatEnum))
  format: ExportFormatEnum;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The filter of the list page, as its query takes it; validated against the list\'s filter.' })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown> | null;
}
