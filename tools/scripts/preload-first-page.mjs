#!/usr/bin/env node
// Post-build step of the web app: the sign-in page is the first page of every visit, but the router loads it
// only after main.js has run, then discovers its chunks one import level at a time. This adds a
// <link rel="modulepreload"> for the sign-in page's chunk and every chunk it imports statically to index.html, so
// the browser fetches them alongside main.js (Lighthouse mobile: the largest paint waited for that waterfall).
// Usage: node tools/scripts/preload-first-page.mjs [dir]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = resolve(process.argv[2] ?? join(root, 'dist/apps/web/browser'));
const main = readdirSync(dir).find((name) => /^main-[\w-]+\.js$/.test(name));
if (!main) throw new Error(`no main-*.js in ${dir}`);
const mainSource = readFileSync(join(dir, main), 'utf8');
// the route's loader as the bundler writes it: import(`./chunk-X.js`).then(o=>o.LoginPage)
const entry = /import\([`"']\.\/(chunk-[\w-]+\.js)[`"']\)\.then\(\(?\w+\)?=>\w+\.LoginPage\)/.exec(mainSource)?.[1];
if (!entry) throw new Error('preload-first-page: the sign-in page\'s chunk was not found in main.js (did the loader change?)');

const chunks = [];
const pending = [entry];
while (pending.length) {
  const chunk = pending.shift();
  if (chunks.includes(chunk)) continue;
  chunks.push(chunk);
  const source = readFileSync(join(dir, chunk), 'utf8');
  // static imports only: import{…}from"./chunk-Y.js" and import"./chunk-Y.js"
  for (const match of source.matchAll(/(?:from|import)\s*["'`]\.\/(chunk-[\w-]+\.js)["'`]/g)) pending.push(match[1]);
}

const indexPath = join(dir, 'index.html');
const html = readFileSync(indexPath, 'utf8').replace(/\n?\s*<link rel="modulepreload" href="chunk-[^"]+" data-first-page>/g, '');
const links = chunks.map((chunk) => `<link rel="modulepreload" href="${chunk}" data-first-page>`).join('\n    ');
if (!html.includes('</head>')) throw new Error('preload-first-page: index.html has no </head>');
writeFileSync(indexPath, html.replace('</head>', `    ${links}\n  </head>`));
console.log(`preloaded the sign-in page's ${chunks.length} chunk(s) in index.html`);
