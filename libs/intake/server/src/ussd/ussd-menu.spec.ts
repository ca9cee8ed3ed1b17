import { replayMenu, type UssdArea } from './ussd-menu';

const say = (key: string, _lang: string, args?: Record<string, unknown>) => `${key.split('.').pop()}${args ? JSON.stringify(args) : ''}`;
const flow = { rootAreaId: 'root', title: { en: 'Programme' }, questions: [{ key: 'roof', type: 'CHOICE' as const, label: { en: 'Roof?' }, choices: [{ code: 'thatch', label: { en: 'Thatch' } }] }] };
/** A root with 12 districts, each with one village. */
const children = async (id: string): Promise<UssdArea[]> =>
  id === 'root' ? Array.from({ length: 12 }, (_v, i) => ({ id: `d${i + 1}`, code: `D-${i + 1}`, name: `District ${i + 1}` })) : id.startsWith('d') ? [{ id: `v-${id}`, code: `V-${id}`, name: `Village of ${id}` }] : [];

describe('USSD menu replay', () => {
  it('pages a level with more than nine areas: eight a page and 9 for the next, back to the first after the last', async () => {
    const first = await replayMenu(['1', 'Awa Diallo', '1'], flow, children, say);
    expect(first.prompt).toBe('area\n1. District 1\n2. District 2\n3. District 3\n4. District 4\n5. District 5\n6. District 6\n7. District 7\n8. District 8\n9. more');
    const second = await replayMenu(['1', 'Awa Diallo', '1', '9'], flow, children, say);
    expect(second.prompt).toBe('area\n1. District 9\n2. District 10\n3. District 11\n4. District 12\n9. more');
    const wrapped = await replayMenu(['1', 'Awa Diallo', '1', '9', '9'], flow, children, say);
    expect(wrapped.prompt).toMatch(/^area\n1\. District 1\n/);
    const picked = await replayMenu(['1', 'Awa Diallo', '1', '9', '3', '1'], flow, children, say);
    expect(picked.answers.areas.map((a) => a.code)).toEqual(['D-11', 'V-d11']);
    expect(picked.prompt).toBe('size');
  });

  it('asks a step again after an answer that does not fit, and completes with every answer', async () => {
    const again = await replayMenu(['1', '1'], flow, children, say);
    expect(again.prompt).toBe('invalid\nname');
    const done = await replayMenu(['1', 'Awa Diallo', '2', '2', '1', '40', '4', '1', '1'], flow, children, say);
    expect(done.prompt).toBeNull();
    expect(done.answers).toMatchObject({ language: 'en', name: 'Awa Diallo', sex: 'M', householdSize: 4, questions: { roof: 'thatch' }, confirmed: true });
    expect(done.answers.areas.map((a) => a.code)).toEqual(['D-2', 'V-d2']);
  });
});
