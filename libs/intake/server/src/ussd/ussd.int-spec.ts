import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { intakeDefinition } from '../intake.definition';

const SAVE_FLOW = `mutation($input: SaveUssdFlowInput!) { saveIntakeUssdFlow(input: $input) { id programCode } }`;
const AREA_PROMPT = /Your area:|Votre zone :|A sua área:/;

describe('USSD self-application', () => {
  let api: TestApi;
  let session = 0;

  const post = async (body: Record<string, string | undefined>, form = true): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${api.url}/api/intake/ussd/CT-2026`, {
      method: 'POST',
      headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ? new URLSearchParams(Object.entries(body).filter(([, v]) => v !== undefined) as [string, string][]).toString() : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };

  /** Dials and answers step by step as a phone would (text grows with every answer); returns every reply. */
  const dial = async (phone: string, answers: (string | ((reply: string) => string | null))[]) => {
    const sessionId = `ATUid_${++session}_${Date.now()}`;
    const replies: string[] = [];
    let text = '';
    let reply = (await post({ sessionId, serviceCode: '*384*12#', phoneNumber: phone, text })).text;
    replies.push(reply);
    for (const answer of answers) {
      // a function answers as many area menus as there are, picking the first choice
      while (typeof answer === 'function') {
        const next = answer(reply);
        if (next === null) break;
        text = text ? `${text}*${next}` : next;
        reply = (await post({ sessionId, serviceCode: '*384*12#', phoneNumber: phone, text })).text;
        replies.push(reply);
      }
      if (typeof answer === 'function') continue;
      text = text ? `${text}*${answer}` : answer;
      reply = (await post({ sessionId, serviceCode: '*384*12#', phoneNumber: phone, text })).text;
      replies.push(reply);
    }
    return { sessionId, text, replies, last: reply };
  };
  const areas = (reply: string) => (AREA_PROMPT.test(reply) ? '1' : null);

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, intakeDefinition], { DEMO_DATA: 'true' });
    const [root] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-01'`);
    const saved = await api.graphql(SAVE_FLOW, {
      input: {
        programCode: 'CT-2026',
        title: { en: 'Cash transfer 2026', fr: 'Transferts 2026', pt: 'Transferências 2026' },
        rootAreaId: root.id,
        active: true,
        questions: [
          { key: 'disability', type: 'YESNO', label: { en: 'Anyone with a disability?', fr: 'Une personne handicapée ?', pt: 'Alguém com deficiência?' } },
          { key: 'income', type: 'NUMBER', label: { en: 'Monthly income?', fr: 'Revenu mensuel ?', pt: 'Rendimento mensal?' } },
          { key: 'roof', type: 'CHOICE', label: { en: 'Roof?', fr: 'Toit ?', pt: 'Telhado?' }, choices: [{ code: 'thatch', label: { en: 'Thatch', fr: 'Paille', pt: 'Palha' } }, { code: 'iron_sheet', label: { en: 'Iron', fr: 'Tôle', pt: 'Chapa' } }] },
        ],
      },
    });
    expect(saved.errors).toBeUndefined();
  }, 300_000);

  afterAll(() => api?.stop());

  it.each([
    ['en', '1', '+221770000001', 'Awa Diallo', /Thank you\. Your application is registered \(ref\. [0-9A-F]{8}\)\./, 'Your full name:'],
    ['fr', '2', '+221770000002', 'Moussa Ndiaye', /Merci\. Votre demande est enregistrée \(réf\. [0-9A-F]{8}\)\./, 'Vos nom et prénom :'],
    ['pt', '3', '+258840000003', 'Ana Machava', /Obrigado\. A sua candidatura está registada \(ref\. [0-9A-F]{8}\)\./, 'O seu nome completo:'],
  ])('applies end to end in %s and lands in the review queue', async (_lang, choice, phone, name, thanks, namePrompt) => {
    const run = await dial(phone, [choice, name, '1', areas, '5', '1', '12000', '2', '1']);
    expect(run.replies[0]).toMatch(/^CON Cash transfer 2026\n1\. English\n2\. Français\n3\. Português$/);
    expect(run.replies[1]).toBe(`CON ${namePrompt}`);
    expect(run.replies.slice(0, -1).every((r) => r.startsWith('CON '))).toBe(true);
    expect(run.last).toMatch(new RegExp(`^END ${thanks.source}`));
    const [row] = await sql<{ status: string; source: string; program_code: string; data: { household: { areaCode: string }; members: { givenName: string; familyName: string; sex: string; relationship: string; phone: string }[]; answers: Record<string, unknown> } }>(
      api.databaseUrl,
      `SELECT status, source, program_code, data FROM intake.submission WHERE phone = $1`,
      [phone],
    );
    expect(row).toMatchObject({ source: 'USSD', program_code: 'CT-2026', status: expect.stringMatching(/^(VALID|REVIEW)$/) });
    expect(row.data.members).toEqual([{ givenName: name.split(' ')[0], familyName: name.split(' ')[1], sex: 'F', relationship: 'HEAD', phone }]);
    expect(row.data.answers).toMatchObject({ householdSize: 5, disability: 'YES', income: 12000, roof: 'iron_sheet' });
    expect(row.data.household.areaCode).toMatch(/^DL-01/);
  });

  it('recognises a phone that applied already', async () => {
    const again = await dial('+221770000001', []);
    expect(again.last).toMatch(/^END This phone has already applied \(ref\. [0-9A-F]{8}\)\.$/);
    expect((await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM intake.submission WHERE phone = '+221770000001'`))[0].n).toBe(1);
  });

  it('asks again after an invalid answer, answers a repeated request the same way, ends replayed and malformed requests', async () => {
    const run = await dial('+221770000009', ['7']);
    expect(run.last).toMatch(/^CON Invalid answer\.\nCash transfer 2026/);
    const repeated = await post({ sessionId: run.sessionId, serviceCode: '*384*12#', phoneNumber: '+221770000009', text: run.text });
    expect(repeated.text).toBe(run.last);
    const forked = await post({ sessionId: run.sessionId, serviceCode: '*384*12#', phoneNumber: '+221770000009', text: '2*Someone' });
    expect(forked.text).toBe('END Requête non valide.');
    const replayed = await post({ sessionId: run.sessionId, serviceCode: '*384*12#', phoneNumber: '+221770000009', text: `${run.text}*1` });
    expect(replayed.text).toBe('END This session has ended.');
    const otherPhone = await post({ sessionId: run.sessionId, serviceCode: '*384*12#', phoneNumber: '+221770000010', text: '' });
    expect(otherPhone.text).toMatch(/^END /);
    for (const body of [{ serviceCode: '*384#', phoneNumber: '+221770000011', text: '' }, { sessionId: 'x', serviceCode: '*384#', phoneNumber: 'not-a-phone' }, { sessionId: 'a b', serviceCode: '*384#', phoneNumber: '+221770000011' }]) {
      const malformed = await post(body);
      expect(malformed).toEqual({ status: 200, text: 'END Invalid request.' });
    }
    const json = await post({ sessionId: 'json-1', serviceCode: '*384#', phoneNumber: '+221770000012', text: '' }, false);
    expect(json.text).toMatch(/^CON Cash transfer 2026/);
    const unknown = await fetch(`${api.url}/api/intake/ussd/NOPE`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'sessionId=s1&serviceCode=*1%23&phoneNumber=%2B221770000013&text=' });
    expect(await unknown.text()).toBe('END This service is not available.');
  });

  it('limits requests per session and per phone, ending with a message in the session\'s language', async () => {
    const saved = { ...process.env };
    try {
      process.env.INTAKE_USSD_SESSION_LIMIT = '3';
      const step = (text: string) => post({ sessionId: 'limit-session', serviceCode: '*384*12#', phoneNumber: '+221770000030', text });
      for (const text of ['', '2', '2*Awa Diallo']) expect((await step(text)).text).toMatch(/^CON /);
      expect((await step('2*Awa Diallo*1')).text).toBe('END Trop de requêtes depuis ce téléphone. Réessayez plus tard.');
      process.env = { ...saved, INTAKE_USSD_PHONE_LIMIT: '4' };
      // four sessions of one phone, then a fifth is refused; another phone is not affected
      for (let i = 1; i <= 4; i++) expect((await post({ sessionId: `limit-phone-${i}`, serviceCode: '*384*12#', phoneNumber: '+221770000031', text: '' })).text).toMatch(/^CON /);
      expect((await post({ sessionId: 'limit-phone-5', serviceCode: '*384*12#', phoneNumber: '+221770000031', text: '' })).text).toBe('END Too many requests from this phone. Please try again later.');
      expect((await post({ sessionId: 'limit-phone-6', serviceCode: '*384*12#', phoneNumber: '+221770000032', text: '' })).text).toMatch(/^CON /);
      expect((await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM intake.ussd_session WHERE session_id = 'limit-phone-5'`))[0].n).toBe(0);
    } finally {
      process.env = saved;
    }
  });

  it('creates one application when two sessions of one phone confirm at the same time', async () => {
    const answers = ['1', 'Idrissa Kane', '2', areas, '4', '2', '500', '1', '1'];
    const runs = await Promise.all([dial('+221770000040', answers), dial('+221770000040', answers)]);
    const replies = runs.flatMap((r) => r.replies);
    expect(replies.filter((r) => r.startsWith('END Thank you. Your application is registered'))).toHaveLength(1);
    expect(replies.filter((r) => r.startsWith('END This phone has already applied'))).toHaveLength(1);
    expect((await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM intake.submission WHERE phone = '+221770000040'`))[0].n).toBe(1);
  });

  it('ends an expired session with a message in its language', async () => {
    const run = await dial('+221770000020', ['3', 'Rosa Nhaca']);
    await sql(api.databaseUrl, `UPDATE intake.ussd_session SET started_at = now() - interval '1 hour' WHERE session_id = $1`, [run.sessionId]);
    const late = await post({ sessionId: run.sessionId, serviceCode: '*384*12#', phoneNumber: '+221770000020', text: `${run.text}*1` });
    expect(late.text).toBe('END A sua sessão expirou. Marque novamente.');
    expect((await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM intake.submission WHERE phone = '+221770000020'`))[0].n).toBe(0);
  });

  it('refuses to save a flow outside the caller\'s rules', async () => {
    const refused = await api.graphql(SAVE_FLOW, { input: { programCode: 'X', title: { en: 'x' }, rootAreaId: '00000000-0000-7000-8000-000000000000', active: true, questions: [{ key: 'q', type: 'CHOICE', label: { en: 'q' } }] } }, { lang: 'fr' });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'rootAreaId' }] });
  });
});
