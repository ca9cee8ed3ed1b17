import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { basic, bearer, FakeProviderServer, type FakeRequest, json } from './fake-provider-kit';

export interface FakeMpesaOptions {
  consumerKey: string;
  consumerSecret: string;
  initiatorName: string;
  securityCredential: string;
  shortCode: string;
}

interface MpesaPayment {
  originatorConversationId: string;
  conversationId: string;
  amount: number;
  partyB: string;
  resultUrl: string;
  status: 'PENDING' | 'Completed' | 'Failed';
  receipt?: string;
}

const COMMANDS = new Set(['SalaryPayment', 'BusinessPayment', 'PromotionPayment']);

/**
 * Safaricom Daraja B2C as documented: OAuth client-credentials token, `POST /mpesa/b2c/v3/paymentrequest`
 * acknowledged synchronously (`ConversationID`, `ResponseCode` "0") with the outcome posted to `ResultURL`
 * (`Result.ResultCode`, `TransactionReceipt`...), and `POST /mpesa/transactionstatus/v1/query` answered to its
 * `ResultURL` too. A reused `OriginatorConversationID` is refused (errorCode 400.002.05) and never paid again.
 */
export class FakeMpesaB2cServer extends FakeProviderServer {
  readonly payments = new Map<string, MpesaPayment>();
  private readonly tokens = new Set<string>();

  constructor(readonly options: FakeMpesaOptions) {
    super();
  }

  protected async handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    if (request.method === 'GET' && request.path === '/oauth/v1/generate') return this.token(request, res);
    const token = bearer(request);
    if (!token || !this.tokens.has(token)) return json(res, 401, { requestId: randomUUID(), errorCode: '404.001.03', errorMessage: 'Invalid Access Token' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return json(res, 400, { requestId: randomUUID(), errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid Body' });
    }
    if (request.method === 'POST' && request.path === '/mpesa/b2c/v3/paymentrequest') return this.payment(body, res);
    if (request.method === 'POST' && request.path === '/mpesa/transactionstatus/v1/query') return this.status(body, res);
    return json(res, 404, { requestId: randomUUID(), errorCode: '404.002.01', errorMessage: 'Resource not found' });
  }

  private token(request: FakeRequest, res: ServerResponse): void {
    const credentials = basic(request);
    if (request.query.get('grant_type') !== 'client_credentials' || !credentials || credentials[0] !== this.options.consumerKey || credentials[1] !== this.options.consumerSecret) {
      return json(res, 400, { requestId: randomUUID(), errorCode: '400.008.01', errorMessage: 'Invalid Authentication passed' });
    }
    const token = randomBytes(16).toString('hex');
    this.tokens.add(token);
    json(res, 200, { access_token: token, expires_in: '3599' });
  }

  private async payment(body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const bad = (field: string) => json(res, 400, { requestId: randomUUID(), errorCode: '400.002.02', errorMessage: `Bad Request - Invalid ${field}` });
    const originator = body['OriginatorConversationID'];
    if (typeof originator !== 'string' || !originator) return bad('OriginatorConversationID');
    if (body['InitiatorName'] !== this.options.initiatorName || body['SecurityCredential'] !== this.options.securityCredential) {
      return json(res, 400, { requestId: randomUUID(), errorCode: '400.002.03', errorMessage: 'The initiator information is invalid.' });
    }
    if (!COMMANDS.has(String(body['CommandID']))) return bad('CommandID');
    if (!/^[1-9]\d*$/.test(String(body['Amount']))) return bad('Amount');
    if (String(body['PartyA']) !== this.options.shortCode) return bad('PartyA');
    if (!/^\d{9,15}$/.test(String(body['PartyB']))) return bad('PartyB');
    const resultUrl = body['ResultURL'];
    if (typeof resultUrl !== 'string' || !/^https?:\/\//.test(resultUrl) || typeof body['QueueTimeOutURL'] !== 'string') return bad('ResultURL');
    if (this.modes.submitStatus500 === 'before') return json(res, 500, { requestId: randomUUID(), errorCode: '500.003.02', errorMessage: 'System is busy. Please try again in few minutes.' });
    if (this.payments.has(originator)) return json(res, 400, { requestId: randomUUID(), errorCode: '400.002.05', errorMessage: 'Duplicate OriginatorConversationID.' });
    const payment: MpesaPayment = {
      originatorConversationId: originator,
      conversationId: `AG_${Date.now()}_${randomBytes(8).toString('hex')}`,
      amount: Number(body['Amount']),
      partyB: String(body['PartyB']),
      resultUrl,
      status: 'PENDING',
    };
    this.payments.set(originator, payment);
    if (this.modes.callbackBeforeResponse) await this.track(this.settle(payment));
    else this.later(this.modes.settleMs, () => this.settle(payment));
    await this.sleep(this.modes.slowSubmitMs);
    if (this.modes.submitStatus500 === 'after') return json(res, 500, { requestId: randomUUID(), errorCode: '500.003.1001', errorMessage: 'Internal Server Error' });
    json(res, 200, { ConversationID: payment.conversationId, OriginatorConversationID: originator, ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' });
  }

  private async settle(payment: MpesaPayment): Promise<void> {
    if (payment.status !== 'PENDING') return;
    const paid = this.modes.outcome(payment.originatorConversationId) === 'PAID';
    if (paid) {
      payment.status = 'Completed';
      payment.receipt = randomBytes(5).toString('hex').toUpperCase();
      this.pay(payment.originatorConversationId);
    } else {
      payment.status = 'Failed';
    }
    if (this.modes.withholdCallbacks) return;
    const result = paid
      ? {
          ResultType: 0,
          ResultCode: 0,
          ResultDesc: 'The service request is processed successfully.',
          OriginatorConversationID: payment.originatorConversationId,
          ConversationID: payment.conversationId,
          TransactionID: payment.receipt,
          ResultParameters: {
            ResultParameter: [
              { Key: 'TransactionAmount', Value: payment.amount },
              { Key: 'TransactionReceipt', Value: payment.receipt },
              { Key: 'ReceiverPartyPublicName', Value: `${payment.partyB} - Test Recipient` },
              { Key: 'TransactionCompletedDateTime', Value: '04.12.2026 19:00:00' },
              { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
            ],
          },
          ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: payment.resultUrl } },
        }
      : {
          ResultType: 0,
          ResultCode: 2001,
          ResultDesc: 'The initiator information is invalid.',
          OriginatorConversationID: payment.originatorConversationId,
          ConversationID: payment.conversationId,
          TransactionID: randomBytes(5).toString('hex').toUpperCase(),
          ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: payment.resultUrl } },
        };
    await this.sendCallback(payment.resultUrl, JSON.stringify({ Result: result }));
    if (this.modes.staleCallbackAfterFinal) {
      // a late queue-timeout notice for a request that was in fact processed
      const stale = { ResultType: 1, ResultCode: 1, ResultDesc: 'The request timed out in the queue.', OriginatorConversationID: payment.originatorConversationId, ConversationID: payment.conversationId };
      await this.sendCallback(payment.resultUrl, JSON.stringify({ Result: stale }));
    }
  }

  private status(body: Record<string, unknown>, res: ServerResponse): void {
    const resultUrl = body['ResultURL'];
    if (typeof resultUrl !== 'string' || body['CommandID'] !== 'TransactionStatusQuery') return json(res, 400, { requestId: randomUUID(), errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid CommandID' });
    const original = this.payments.get(String(body['OriginalConversationID'] ?? ''));
    const ack = { OriginatorConversationID: randomUUID(), ConversationID: `AG_${Date.now()}_${randomBytes(8).toString('hex')}`, ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' };
    json(res, 200, ack);
    const occasion = body['Occasion'];
    const result = original
      ? {
          ResultType: 0,
          ResultCode: 0,
          ResultDesc: 'The service request has been accepted successfully.',
          OriginatorConversationID: ack.OriginatorConversationID,
          ConversationID: ack.ConversationID,
          ResultParameters: {
            ResultParameter: [
              { Key: 'ReceiptNo', Value: original.receipt ?? '' },
              { Key: 'TransactionStatus', Value: original.status === 'PENDING' ? 'Pending' : original.status },
              { Key: 'Amount', Value: original.amount },
              { Key: 'ConversationID', Value: original.conversationId },
              { Key: 'OriginatorConversationID', Value: original.originatorConversationId },
            ],
          },
          ReferenceData: { ReferenceItem: { Key: 'Occasion', Value: occasion } },
        }
      : {
          ResultType: 0,
          ResultCode: 'R000001',
          ResultDesc: 'The transaction does not exist.',
          OriginatorConversationID: ack.OriginatorConversationID,
          ConversationID: ack.ConversationID,
          ResultParameters: { ResultParameter: [{ Key: 'TransactionStatus', Value: '' }] },
          ReferenceData: { ReferenceItem: { Key: 'Occasion', Value: occasion } },
        };
    this.later(this.modes.settleMs, () => this.sendCallback(resultUrl, JSON.stringify({ Result: result })));
  }
}
