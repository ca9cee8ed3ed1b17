import type { PaymentProviderKind } from '../data/provider-account.queries';

/** The credentials each provider's API needs (names as the adapters read them). */
export const PROVIDER_CREDENTIALS: Readonly<Record<PaymentProviderKind, readonly string[]>> = {
  MTN_MOMO: ['apiUser', 'apiKey', 'subscriptionKey', 'targetEnvironment'],
  MPESA_B2C: ['consumerKey', 'consumerSecret', 'initiatorName', 'securityCredential', 'shortCode', 'commandId'],
  PH_EE: ['tenant', 'paymentMode', 'payerIdentifierType', 'payerIdentifier', 'programId'],
  OFFLINE_CASH: [],
};

export const PROVIDER_KINDS: readonly PaymentProviderKind[] = ['MTN_MOMO', 'MPESA_B2C', 'PH_EE', 'OFFLINE_CASH'];
