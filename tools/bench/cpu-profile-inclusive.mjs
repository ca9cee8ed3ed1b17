// node tools/bench/cpu-profile-inclusive.mjs <file.cpuprofile> [last-seconds] [function regexp] [rows]: inclusive time (self and
// callees, each frame counted once per sample) per function of a `node --cpu-prof` profile, where cpu-profile-summary.mjs
// gives self time: which resolver, middleware or driver call a request's CPU goes through.
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const W = Number(process.argv[3] ?? 1e9) * 1e6; let tt = 0; const ts = p.timeDeltas.map((d) => (tt += d)); const cut = tt - W;
const self = new Map(); for (let i = 0; i < p.samples.length; i++) if (ts[i] >= cut) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map(); let total = 0;
for (const [id, t] of self) { const n = byId.get(id); if (['(idle)','(program)'].includes(n.callFrame.functionName)) continue; total += t; const seen = new Set(); let cur = id; while (cur !== undefined) { const cf = byId.get(cur).callFrame; const k = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*node_modules\//, 'nm/').replace(/.*dist\/server\//, '')}:${cf.lineNumber}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); } cur = parent.get(cur); } }
const re = process.argv[4] ? new RegExp(process.argv[4]) : null;
console.log('busy total', (total/1000).toFixed(0), 'ms');
console.log([...incl].filter(([k]) => !re || re.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[5] ?? 60)).map(([k, t]) => `${(t/1000).toFixed(0).padStart(7)} ms ${(100*t/total).toFixed(1).padStart(5)}%  ${k}`).join('\n'));
