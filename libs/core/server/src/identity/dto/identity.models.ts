import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection';
import { User } from '../entities/user.entity';

export enum LoginStatus {
  AUTHENTICATED = 'AUTHENTICATED',
  TWO_FACTOR_REQUIRED = 'TWO_FACTOR_REQUIRED',
  TWO_FACTOR_ENROLMENT_REQUIRED = 'TWO_FACTOR_ENROLMENT_REQUIRED',
}
registerEnumType(LoginStatus, { name: 'LoginStatus' });

@ObjectType()
export class AuthPayload {
  @Field(() => LoginStatus)
  status: LoginStatus;

  @Field(() => String, { nullable: true })
  accessToken: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  accessTokenExpiresAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Rotates on every refresh; keep only the latest.' })
  refreshToken: string | null;

  @Field(() => String, { nullable: true, description: 'For the second step of login or the forced enrolment.' })
  challengeToken: string | null;

  @Field(() => [String], { nullable: true, description: 'Shown once, after enrolment.' })
  recoveryCodes: string[] | null;

  @Field(() => User)
  user: User;
}

@ObjectType()
export class TwoFactorEnrolment {
  @Field()
  secret: string;

  @Field()
  otpauthUrl: string;

  @Field({ description: 'PNG data URL of the QR code to scan with an authenticator app.' })
  qrCodeDataUrl: string;
}

@ObjectType()
export class TwoFactorEnrolmentResult {
  @Field(() => [String])
  recoveryCodes: string[];

  @Field(() => AuthPayload, { nullable: true, description: 'Present when enrolment completed a login.' })
  auth: AuthPayload | null;
}

@ObjectType()
export class PermissionInfo {
  @Field()
  code: string;

  @Field()
  module: string;

  @Field()
  label: string;
}

@ObjectType()
export class UserConnection extends Connection(User) {}

@ObjectType({ description: 'What a bulk activation or deactivation changed.' })
export class SetUsersActiveResult {
  @Field(() => Int, { description: 'Accounts switched.' })
  changed: number;

  @Field(() => Int, { description: 'Accounts already in the asked state.' })
  unchanged: number;
}
