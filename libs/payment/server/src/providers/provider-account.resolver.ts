import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, RequirePermissions, UuidPipe } from '@coremis/core';
import { ProviderAccount } from './provider-account.entity';
import { CreateProviderAccountInput, DeactivateProviderAccountInput, ProviderAccountsArgs, UpdateProviderAccountInput } from './provider-account.inputs';
import { PaymentProviderAccountConnection } from './provider-account.models';
import { ProviderAccountService } from './provider-account.service';
import { SealProviderSecretsPipe } from './seal-provider-secrets.pipe';

/** Provider accounts: read by payment users (to choose one), changed only with `payment.providers.manage`, under maker-checker. */
@Resolver(() => ProviderAccount)
export class ProviderAccountResolver {
  constructor(private readonly service: ProviderAccountService) {}

  @Query(() => PaymentProviderAccountConnection)
  @RequirePermissions('payment.view')
  async paymentProviderAccounts(@Args() args: ProviderAccountsArgs): Promise<PaymentProviderAccountConnection> {
    return (await this.service.list(args)) as PaymentProviderAccountConnection;
  }

  @Query(() => ProviderAccount, { nullable: true })
  @RequirePermissions('payment.view')
  paymentProviderAccount(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<ProviderAccount | null> {
    return this.service.findById(id);
  }

  @Mutation(() => ProviderAccount, { description: 'May be held for approval. Secrets are write-only.' })
  @RequirePermissions('payment.providers.manage')
  @ApprovableOperation('payment.providers.create', { summary: (p) => `${String((p['input'] as { code?: string })?.code ?? '')}` })
  createPaymentProviderAccount(@Args('input', SealProviderSecretsPipe) input: CreateProviderAccountInput): Promise<ProviderAccount> {
    return this.service.create(input);
  }

  @Mutation(() => ProviderAccount, { description: 'May be held for approval. Secrets are write-only; empty values keep the stored ones.' })
  @RequirePermissions('payment.providers.manage')
  @ApprovableOperation('payment.providers.update')
  updatePaymentProviderAccount(@Args('input', SealProviderSecretsPipe) input: UpdateProviderAccountInput): Promise<ProviderAccount> {
    return this.service.update(input);
  }

  @Mutation(() => ProviderAccount, { description: 'No new submissions through this account; callbacks for money already sent are still accepted. May be held for approval.' })
  @RequirePermissions('payment.providers.manage')
  @ApprovableOperation('payment.providers.deactivate')
  deactivatePaymentProviderAccount(@Args('input') input: DeactivateProviderAccountInput): Promise<ProviderAccount> {
    return this.service.deactivate(input);
  }
}
