import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ConnectionArgs, SortDirection } from '../../graphql/connection';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password.service';

@InputType()
export class LoginInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

@InputType()
export class VerifyTwoFactorInput {
  @Field()
  @IsString()
  @MaxLength(2000)
  challengeToken: string;

  @Field({ nullable: true, description: 'Six digits from the authenticator app.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  code?: string;

  @Field({ nullable: true, description: 'One of the recovery codes, when the phone is lost.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  recoveryCode?: string;
}

@InputType()
export class CompleteTwoFactorEnrolmentInput {
  @Field({ nullable: true, description: 'Given by login when the user must enrol first; omit when signed in.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  challengeToken?: string;

  @Field()
  @IsString()
  @Matches(/^\s*\d{6}\s*$/)
  code: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @Field()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

@InputType()
export class CreateUserInput {
  @Field()
  @IsString()
  @Matches(/^[a-zA-Z0-9._@-]{3,100}$/)
  username: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @Field({ description: 'Initial password; the user must change it at first login.' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @Field(() => [ID], { defaultValue: [] })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  roleIds: string[];

  @Field(() => [ID], { nullable: true, description: 'Restrict the user to these admin areas (and everything below them); omit for no restriction.' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(500)
  areaIds?: string[] | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  roleIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(500)
  areaIds?: string[] | null;

  @Field({ nullable: true, description: 'Remove the geographic restriction.' })
  @IsOptional()
  @IsBoolean()
  unrestricted?: boolean;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  temporaryPassword: string;
}

@InputType()
export class SaveRoleInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field()
  @IsString()
  @Matches(/^[a-z][a-z0-9_.-]{1,49}$/)
  code: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field(() => [String])
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @ArrayMaxSize(500)
  permissions: string[];

  @Field({ defaultValue: false })
  @IsBoolean()
  requireTwoFactor: boolean;
}

/** The orders the users list offers (each one a keyset with the id as tie-breaker). */
export enum UserSortField {
  USERNAME = 'USERNAME',
  DISPLAY_NAME = 'DISPLAY_NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(UserSortField, { name: 'UserSortField' });

@InputType()
export class UserOrder {
  @Field(() => UserSortField)
  @IsEnum(UserSortField)
  field: UserSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class UsersArgs extends ConnectionArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => UserOrder, { nullable: true, description: 'Default: by user name, A to Z.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserOrder)
  orderBy?: UserOrder | null;
}

/** The users list's bulk action: switch several accounts on or off at once. */
@InputType()
export class SetUsersActiveInput {
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  @Field()
  @IsBoolean()
  active: boolean;
}
