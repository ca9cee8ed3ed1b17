#!/usr/bin/env node
// An open-model load at a constant arrival rate, for the bench's fixed-rate rows: one request every
// 1000/rate ms whatever the server does, latency counted from the moment each request was due (so a
// slow server cannot hide its queue: no coordinated omission). autocannon's -R sends each connection's
// per-second budget back to back at the start of every second, which measures a burst, not a rate.
//   node tools/bench/paced-load.mjs --url URL --rate 200 --seconds 20 [--connections 50] [--method POST] [--body TEXT] [-H k=v ...]
// Prints one JSON line in autocannon's shape (requests.total, latency.p50/p97_5/p99, errors, non2xx, duration).
import http from 'node:http';

const args = process.argv.slice(2);
const headers = {};
const opt = { connections: 50, method: 'POST' };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-H') {
    const [k, ...v] = args[++i].split('=');
    headers[k] = v.join('=');
  } else if (a.startsWith('--')) opt[a.slice(2)] = args[++i];
}
const url = new URL(opt.url);
const rate = Number(opt.rate);
const seconds = Number(opt.seconds);
const body = opt.body ?? null;
if (!(rate > 0) || !(seconds > 0)) throw new Error('--rate and --seconds must be positive');
if (body) headers['content-length'] = Buffer.byteLength(body);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(opt.connections) });

const latencies = [];
// how late each request left this process (its own stalls would otherwise count as the server's latency)
const lags = [];
let errors = 0;
let non2xx = 0;
let outstanding = 0;
const total = Math.round(rate * seconds);
const interval = 1000 / rate;

function send(due) {
  outstanding++;
  lags.push(performance.now() - due);
  const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: opt.method, headers, agent }, (res) => {
    res.on('data', () => undefined);
    res.on('end', () => {
      if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
      latencies.push(performance.now() - due);
      outstanding--;
    });
  });
  req.on('error', () => {
    errors++;
    outstanding--;
  });
  if (body) req.write(body);
  req.end();
}

const start = performance.now() + 10;
let next = 0;
await new Promise((done) => {
  const tick = () => {
    const now = performance.now();
    while (next < total && start + next * interval <= now) send(start + next++ * interval);
    if (next < total) setTimeout(tick, Math.max(0, Math.min(1, start + next * interval - performance.now())));
    else done();
  };
  tick();
});
// the last requests' answers (bounded: a request still unanswered 10 s after the run is an error)
const deadline = performance.now() + 10000;
while (outstanding > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
errors += outstanding;
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
lags.sort((a, b) => a - b);
const pct = (values, p) => (values.length ? Math.round(values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] * 10) / 10 : null);
console.log(
  JSON.stringify({
    requests: { total: latencies.length, average: latencies.length / elapsed },
    latency: { p50: pct(latencies, 50), p97_5: pct(latencies, 97.5), p99: pct(latencies, 99) },
    sendLag: { p99: pct(lags, 99), max: pct(lags, 100) },
    errors,
    non2xx,
    duration: Math.max(seconds, elapsed),
  }),
);
agent.destroy();
