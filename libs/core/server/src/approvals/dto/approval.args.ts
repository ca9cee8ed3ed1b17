import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ConnectionArgs } from '../../graphql/connection';
import { PendingOperationStatus } from '../pending-operation.entity';

export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 1000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@ArgsType()
export class ApproveOperationArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  comment?: string | null;
}

@ArgsType()
export class RejectOperationArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field({ description: `Why the request is rejected (${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters); the maker sees it.` })
  @Transform(trim)
  @IsString()
  @MinLength(REASON_MIN_LENGTH)
  @MaxLength(REASON_MAX_LENGTH)
  reason: string;
}

@ArgsType()
export class MyPendingOperationsArgs extends ConnectionArgs {
  @Field(() => PendingOperationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PendingOperationStatus)
  status?: PendingOperationStatus;
}
