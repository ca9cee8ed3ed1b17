import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The filter of the users list (its `search` argument). */
export class UsersExportFilter {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
