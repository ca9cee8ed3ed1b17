// What any scoring of the comparison levels could reach, from the patterns the duplicates benchmark dumps
// (DUPLICATES_PATTERNS_OUT=tmp/dd node tools/scripts/run-ts.mjs tools/bench/duplicates.scenarios.ts --size ...):
//
//   node tools/scripts/run-ts.mjs tools/bench/duplicates-ceiling.ts tmp/dd-registry.json [results.json]
//
// For each error kind: recall of the stored model at 0.8 (with the detection's twin and birth-date rules), and the
// recall of an oracle that knows, for every comparison pattern, the true share of same-person pairs among those
// compared and flags the patterns where it is at least 0.8. A kind the oracle cannot find is one the comparison
// levels cannot tell from namesakes or twins: more evidence is needed, not other weights.
import { readFileSync } from 'node:fs';
import { FIELD_NAMES, type ModelParams, probabilityOf, weightOf } from '@coremis/registry';

interface Row { gl: number; fl: number; bl: number; sl: number; pl: number; dl: number; al: number; sh: boolean; sw: boolean; kinds: string | null; same: boolean; n: number }

const [file, resultsFile] = process.argv.slice(2);
const data: { candidates: Row[]; model: { params: ModelParams; prior: number } } = JSON.parse(readFileSync(file, 'utf8'));
const truth = new Map<string, number>();
if (resultsFile) for (const k of JSON.parse(readFileSync(resultsFile, 'utf8')).results[0].perKind) truth.set(k.kind, k.truth);
const levels = (r: Row) => [r.gl, r.fl, r.bl, r.sl, r.pl, r.dl, r.al];
const key = (r: Row) => `${levels(r).join(',')}|${r.sh}|${r.sw}`;

const share = new Map<string, { same: number; all: number }>();
for (const r of data.candidates) {
  const s = share.get(key(r)) ?? { same: 0, all: 0 };
  s.all += r.n;
  if (r.same) s.same += r.n;
  share.set(key(r), s);
}
const modelFlags = (r: Row) => {
  const p = probabilityOf(FIELD_NAMES.reduce((sum, f, i) => sum + weightOf(data.model.params[f], levels(r)[i]), 0), data.model.prior);
  const twins = r.sh && r.bl === 5 && r.gl === 0 && r.fl >= 2 && !r.sw && r.pl !== 1 && r.dl !== 1;
  const far = [0, 1, 2].includes(r.bl) && r.pl !== 1 && r.dl !== 1;
  return (p >= 0.8 || r.dl === 1) && !twins && !far;
};
const oracleFlags = (r: Row) => {
  const s = share.get(key(r)) ?? { same: 0, all: 1 };
  return r.dl === 1 || s.same / s.all >= 0.8;
};

const tally = (flags: (r: Row) => boolean) => {
  const found = new Map<string, number>();
  let flagged = 0;
  let right = 0;
  let tp = 0;
  for (const r of data.candidates) {
    if (!flags(r)) continue;
    flagged += r.n;
    if (r.same) right += r.n;
    if (!r.kinds) continue;
    tp += r.n;
    for (const k of r.kinds.split('+')) found.set(k, (found.get(k) ?? 0) + r.n);
  }
  return { found, flagged, precision: right / flagged, tp };
};
const model = tally(modelFlags);
const oracle = tally(oracleFlags);
const compared = new Map<string, number>();
for (const r of data.candidates) if (r.kinds) for (const k of r.kinds.split('+')) compared.set(k, (compared.get(k) ?? 0) + r.n);
const kinds = [...new Set([...truth.keys(), ...compared.keys()])].sort();
// true pairs in all (a pair can have two kinds): from the results' notes, "recall 0.96 (found/truth)"
const totalTruth = resultsFile ? Number(/\((\d+)\/(\d+)\)/.exec(JSON.parse(readFileSync(resultsFile, 'utf8')).results[0].notes)?.[2]) : NaN;
console.log('| error kind | pairs | compared | model at 0.8 | oracle at 0.8 |\n| --- | ---: | ---: | ---: | ---: |');
for (const k of kinds) {
  const t = truth.get(k) ?? compared.get(k) ?? 0;
  console.log(`| ${k} | ${t} | ${compared.get(k) ?? 0} | ${((model.found.get(k) ?? 0) / t).toFixed(3)} | ${((oracle.found.get(k) ?? 0) / t).toFixed(3)} |`);
}
console.log(`| **overall** | ${totalTruth} | | ${(model.tp / totalTruth).toFixed(3)} (precision ${model.precision.toFixed(3)}, ${model.flagged} flagged) | ${(oracle.tp / totalTruth).toFixed(3)} (precision ${oracle.precision.toFixed(3)}, ${oracle.flagged} flagged) |`);
