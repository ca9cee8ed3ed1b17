// Verifies the audit trail's hash chain in DATABASE_URL: exit 0 when intact, 1 with the first broken id, 2 on error.
//   DATABASE_URL=postgres://... npm run audit:verify [-- --anchor <file>]
// With --anchor (a file of exported anchors: AUDIT_ANCHOR_FILE), each anchored row must still exist with
// its anchored hash, so that deleting the newest rows is detected too.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { type AuditAnchor, parseAuditAnchors, verifyAuditChain } from '@coremis/core';
import { DataSource } from 'typeorm';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is required\n');
    return 2;
  }
  const anchors: AuditAnchor[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--anchor' && args[i + 1]) anchors.push(...parseAuditAnchors(readFileSync(args[++i], 'utf8')));
    else {
      process.stderr.write(`unknown argument ${args[i]} (usage: audit-verify [--anchor <file>])\n`);
      return 2;
    }
  }
  const db = new DataSource({ type: 'postgres', url, extra: { max: 1, application_name: 'coremis-audit-verify' } });
  await db.initialize();
  try {
    const started = Date.now();
    const result = await verifyAuditChain(db, { anchors, onProgress: (n) => process.stderr.write(`\r${n} entries checked`) });
    process.stderr.write('\n');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.firstBrokenId) {
      process.stdout.write(`audit trail BROKEN at id ${result.firstBrokenId} (${result.checked} entries checked in ${seconds} s)\n`);
      return 1;
    }
    if (result.failedAnchorId) {
      process.stdout.write(`audit trail CUT: anchored row ${result.failedAnchorId} is missing or changed (${result.checked} entries checked, newest id ${result.lastId ?? '-'})\n`);
      return 1;
    }
    const anchored = anchors.length ? `; ${anchors.length} anchor(s) match` : '';
    process.stdout.write(`audit trail intact: ${result.checked} entries checked in ${seconds} s; last id ${result.lastId ?? '-'}, last hash ${result.lastHash ?? '-'}${anchored}\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error.message ?? error}\n`);
    process.exit(2);
  },
);
