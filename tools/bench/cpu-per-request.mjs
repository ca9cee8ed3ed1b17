// node tools/bench/cpu-per-request.mjs <port> <api pid> <n>: signs in as admin (password from PW), warms up with 100 requests, then runs n household-list
// page requests (4 at a time; QUERY=<document> measures another page) against a running built API and prints the server process CPU ms per request (from /proc/<pid>/stat).
import { readFileSync } from 'node:fs';
const [port, pid, n] = process.argv.slice(2); const url = `http://127.0.0.1:${port}/graphql`;
const post = async (query, variables, token) => { const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) }); return r.json(); };
const login = await post('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { username: 'admin', password: process.env.PW ?? 'BenchAdmin-pass-123' } });
const token = login.data?.login?.accessToken; if (!token) { console.error(JSON.stringify(login)); process.exit(1); }
const AREA_PATH = 'area { id code name ancestors { name } }';
const Q = process.env.QUERY ?? `{ households(first: 50) { pageInfo { hasNextPage endCursor } edges { node { id code status registrationDate memberCount ${AREA_PATH} members { id givenName familyName sex relationship birthDate } } } } }`;
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const run = async (count) => { let i = 0; await Promise.all([0,1,2,3].map(async () => { while (i++ < count) { const r = await post(Q, {}, token); if (r.errors) throw new Error(JSON.stringify(r.errors)); } })); };
await run(100);
const c0 = cpu(), t0 = Date.now(); await run(Number(n)); const c1 = cpu();
console.log(JSON.stringify({ requests: Number(n), cpuMsPerRequest: +((c1 - c0) / n).toFixed(2), wallMs: Date.now() - t0, reqPerS: +(n / ((Date.now() - t0) / 1000)).toFixed(1) }));
