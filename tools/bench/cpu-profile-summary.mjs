// node tools/bench/cpu-profile-summary.mjs <file.cpuprofile> [last-seconds]: self time per package/file and per function of a
// `node --cpu-prof` profile, optionally only over the last N seconds (the load run, not the start-up).
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const W = Number(process.argv[3] ?? 1e9) * 1e6; let tt = 0; const ts = p.timeDeltas.map((d) => (tt += d)); const cut = tt - W;
const dt = new Map(); for (let i = 0; i < p.samples.length; i++) if (ts[i] >= cut) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const idle = new Set(p.nodes.filter((n) => ['(idle)', '(program)'].includes(n.callFrame.functionName)).map((n) => n.id));
const byFn = new Map(), byUrl = new Map(); let total = 0;
for (const n of p.nodes) { const t = (dt.get(n.id) ?? 0) / 1000; total += t; const cf = n.callFrame; const u = cf.url.replace(/.*node_modules\//, 'nm/').replace(/.*wt-readpath2\//, ''); const k = `${cf.functionName || '(anon)'} ${u}:${cf.lineNumber}`; byFn.set(k, (byFn.get(k) ?? 0) + t); const pk = u.startsWith('nm/') ? u.split('/').slice(0, u.split('/')[1].startsWith('@') ? 3 : 2).join('/') : u || cf.functionName; byUrl.set(pk, (byUrl.get(pk) ?? 0) + t); }
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `${t.toFixed(0).padStart(7)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${n}`).join('\n');
console.log(`total ${total.toFixed(0)} ms\n-- by package/file\n${top(byUrl, 25)}\n-- by function\n${top(byFn, 35)}`);
