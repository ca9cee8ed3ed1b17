import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { basic, bearer, FakeProviderServer, type FakeRequest, headerValue, json } from './fake-provider-kit';

export interface FakeMomoOptions {
  apiUser: string;
  apiKey: string;
  subscriptionKey: string;
  targetEnvironment: string;
  currency: string;
}

interface MomoTransfer {
  referenceId: string;
  amount: string;
  currency: string;
  externalId: string;
  payee: { partyIdType: string; partyId: string };
  status: 'PENDING' | 'SUCCESSFUL' | 'FAILED';
  financialTransactionId?: string;
  reason?: { code: string; message: string };
  callbackUrl?: string;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * MTN MoMo Disbursement as its public API documents it: token with Basic auth and subscription key, transfer with
 * a UUID v4 `X-Reference-Id` (400 when not v4, 409 RESOURCE_ALREADY_EXIST when reused: never a second transfer),
 * status by reference (404 RESOURCE_NOT_FOUND), account-holder checks, and the transfer object sent to
 * `X-Callback-Url` (PUT) when it settles.
 */
export class FakeMtnMomoServer extends FakeProviderServer {
  readonly transfers = new Map<string, MomoTransfer>();
  readonly inactiveMsisdns = new Set<string>();
  private readonly tokens = new Set<string>();

  constructor(readonly options: FakeMomoOptions) {
    super();
  }

  protected async handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const { method, path } = request;
    if (method === 'POST' && path === '/disbursement/token/') return this.token(request, res);
    if (headerValue(request, 'ocp-apim-subscription-key') !== this.options.subscriptionKey) {
      return json(res, 401, { statusCode: 401, message: 'Access denied due to invalid subscription key.' });
    }
    const token = bearer(request);
    if (!token || !this.tokens.has(token)) return json(res, 401, { code: 'UNAUTHORIZED', message: 'Access token is invalid or expired.' });
    if (headerValue(request, 'x-target-environment') !== this.options.targetEnvironment) {
      return json(res, 500, { code: 'NOT_ALLOWED_TARGET_ENVIRONMENT', message: 'Access to target environment is forbidden.' });
    }
    if (method === 'POST' && path === '/disbursement/v1_0/transfer') return this.transfer(request, res);
    const status = /^\/disbursement\/v1_0\/transfer\/([^/]+)$/.exec(path);
    if (method === 'GET' && status) {
      const transfer = this.transfers.get(status[1].toLowerCase());
      return transfer ? json(res, 200, this.view(transfer)) : json(res, 404, { code: 'RESOURCE_NOT_FOUND', message: 'Requested resource was not found.' });
    }
    const holder = /^\/disbursement\/v1_0\/accountholder\/msisdn\/(\d+)\/(active|basicuserinfo)$/.exec(path);
    if (method === 'GET' && holder) {
      if (holder[2] === 'active') return json(res, 200, { result: !this.inactiveMsisdns.has(holder[1]) });
      if (this.inactiveMsisdns.has(holder[1])) return json(res, 404, { code: 'RESOURCE_NOT_FOUND', message: 'Account holder not found.' });
      return json(res, 200, { given_name: 'Test', family_name: `Holder ${holder[1].slice(-4)}`, name: `Test Holder ${holder[1].slice(-4)}` });
    }
    return json(res, 404, { code: 'RESOURCE_NOT_FOUND', message: 'Not found.' });
  }

  private token(request: FakeRequest, res: ServerResponse): void {
    const credentials = basic(request);
    if (headerValue(request, 'ocp-apim-subscription-key') !== this.options.subscriptionKey) {
      return json(res, 401, { statusCode: 401, message: 'Access denied due to invalid subscription key.' });
    }
    if (!credentials || credentials[0] !== this.options.apiUser || credentials[1] !== this.options.apiKey) {
      return json(res, 401, { error: 'login_failed', error_description: 'Login failed.' });
    }
    const token = randomUUID();
    this.tokens.add(token);
    json(res, 200, { access_token: token, token_type: 'access_token', expires_in: 3600 });
  }

  private async transfer(request: FakeRequest, res: ServerResponse): Promise<void> {
    const referenceId = (headerValue(request, 'x-reference-id') ?? '').toLowerCase();
    if (!UUID_V4.test(referenceId)) return json(res, 400, { code: 'REQUEST_REJECTED', message: 'X-Reference-Id must be a UUID version 4.' });
    if (this.modes.submitStatus500 === 'before') return json(res, 500, { code: 'INTERNAL_PROCESSING_ERROR', message: 'An internal error occurred.' });
    if (this.transfers.has(referenceId)) return json(res, 409, { code: 'RESOURCE_ALREADY_EXIST', message: 'Duplicated reference id. Creation of resource failed.' });
    let body: Partial<MomoTransfer>;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return json(res, 400, { code: 'REQUEST_REJECTED', message: 'Malformed body.' });
    }
    if (typeof body.amount !== 'string' || !/^\d+(\.\d+)?$/.test(body.amount) || Number(body.amount) <= 0) return json(res, 400, { code: 'REQUEST_REJECTED', message: 'Invalid amount.' });
    if (body.currency !== this.options.currency) return json(res, 500, { code: 'INVALID_CURRENCY', message: 'Currency not supported.' });
    if (body.payee?.partyIdType !== 'MSISDN' || !/^\d{8,15}$/.test(body.payee.partyId ?? '')) return json(res, 400, { code: 'REQUEST_REJECTED', message: 'Invalid payee.' });
    if (typeof body.externalId !== 'string') return json(res, 400, { code: 'REQUEST_REJECTED', message: 'Invalid externalId.' });
    const transfer: MomoTransfer = {
      referenceId,
      amount: body.amount,
      currency: body.currency,
      externalId: body.externalId,
      payee: body.payee,
      status: 'PENDING',
      callbackUrl: headerValue(request, 'x-callback-url'),
    };
    this.transfers.set(referenceId, transfer);
    if (this.modes.callbackBeforeResponse) await this.track(this.settle(transfer));
    else this.later(this.modes.settleMs, () => this.settle(transfer));
    await this.sleep(this.modes.slowSubmitMs);
    if (this.modes.submitStatus500 === 'after') return json(res, 500, { code: 'INTERNAL_PROCESSING_ERROR', message: 'An internal error occurred.' });
    json(res, 202);
  }

  private async settle(transfer: MomoTransfer): Promise<void> {
    if (transfer.status !== 'PENDING') return;
    if (this.modes.outcome(transfer.externalId) === 'PAID') {
      transfer.status = 'SUCCESSFUL';
      transfer.financialTransactionId = String(100000000 + this.transfers.size * 7 + Math.floor(Math.random() * 1000));
      this.pay(transfer.externalId);
    } else {
      transfer.status = 'FAILED';
      transfer.reason = { code: 'PAYEE_NOT_FOUND', message: 'Payee does not exist.' };
    }
    if (!transfer.callbackUrl || this.modes.withholdCallbacks) return;
    await this.sendCallback(transfer.callbackUrl, JSON.stringify(this.view(transfer)), {}, 'PUT');
    if (this.modes.staleCallbackAfterFinal) {
      await this.sendCallback(transfer.callbackUrl, JSON.stringify({ ...this.view(transfer), status: 'PENDING', financialTransactionId: undefined, reason: undefined }), {}, 'PUT');
    }
  }

  private view(transfer: MomoTransfer): Record<string, unknown> {
    return {
      amount: transfer.amount,
      currency: transfer.currency,
      financialTransactionId: transfer.financialTransactionId,
      externalId: transfer.externalId,
      payee: transfer.payee,
      payerMessage: '',
      payeeNote: '',
      status: transfer.status,
      reason: transfer.reason,
    };
  }
}
