/**
 * Starts the three fake providers on 127.0.0.1 for demos and browser tests:
 *
 *   node tools/scripts/run-ts.mjs libs/payment/server/src/providers/testing/run-fake-providers.ts
 *
 * Ports: FAKE_MOMO_PORT (default 18081), FAKE_MPESA_PORT (18082), FAKE_PHEE_PORT (18083). Credentials are the ones
 * printed; PH-EE signs its callbacks with FAKE_PHEE_CALLBACK_SECRET (default "demo-ph-ee-callback-secret").
 * Callbacks are settled FAKE_SETTLE_MS (default 500) after a submission.
 */
import { FakeMpesaB2cServer } from './fake-mpesa-b2c.server';
import { FakeMtnMomoServer } from './fake-mtn-momo.server';
import { FakePhEeServer } from './fake-ph-ee.server';

export const DEMO_MOMO = { apiUser: 'demo-api-user', apiKey: 'demo-api-key', subscriptionKey: 'demo-subscription-key', targetEnvironment: 'sandbox' };
export const DEMO_MPESA = { consumerKey: 'demo-consumer-key', consumerSecret: 'demo-consumer-secret', initiatorName: 'demo-initiator', securityCredential: 'demo-security-credential', shortCode: '600000' };

async function main(): Promise<void> {
  const settleMs = Number(process.env['FAKE_SETTLE_MS'] ?? 500);
  const momo = new FakeMtnMomoServer({ ...DEMO_MOMO, currency: process.env['FAKE_MOMO_CURRENCY'] ?? 'EUR' });
  const mpesa = new FakeMpesaB2cServer(DEMO_MPESA);
  const phee = new FakePhEeServer({ tenant: 'demo', callbackSecret: process.env['FAKE_PHEE_CALLBACK_SECRET'] ?? 'demo-ph-ee-callback-secret' });
  for (const fake of [momo, mpesa, phee]) fake.setModes({ settleMs });
  await momo.start(Number(process.env['FAKE_MOMO_PORT'] ?? 18081));
  await mpesa.start(Number(process.env['FAKE_MPESA_PORT'] ?? 18082));
  await phee.start(Number(process.env['FAKE_PHEE_PORT'] ?? 18083));
  process.stdout.write(`fake MoMo ${momo.url} ${JSON.stringify(DEMO_MOMO)}\nfake M-Pesa ${mpesa.url} ${JSON.stringify(DEMO_MPESA)}\nfake PH-EE ${phee.url} tenant=demo\nREADY\n`);
  const stop = async () => {
    await Promise.all([momo.close(), mpesa.close(), phee.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
