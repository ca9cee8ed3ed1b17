import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { ProviderAccount } from './provider-account.entity';

@ObjectType()
export class PaymentProviderAccountConnection extends Connection(ProviderAccount) {}
