// Verifies the audit trail's hash chain in DATABASE_URL: exit 0 when intact, 1 with the first broken id, 2 on error.
//   DATABASE_URL=postgres://... npm run audit:verify
import 'reflect-metadata';
import { verifyAuditChain } from '@coremis/core';
import { DataSource } from 'typeorm';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is required\n');
    return 2;
  }
  const db = new DataSource({ type: 'postgres', url, extra: { max: 1, application_name: 'coremis-audit-verify' } });
  await db.initialize();
  try {
    const started = Date.now();
    const result = await verifyAuditChain(db, { onProgress: (n) => process.stderr.write(`\r${n} entries checked`) });
    process.stderr.write('\n');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!result.ok) {
      process.stdout.write(`audit trail BROKEN at id ${result.firstBrokenId} (${result.checked} entries checked in ${seconds} s)\n`);
      return 1;
    }
    process.stdout.write(`audit trail intact: ${result.checked} entries checked in ${seconds} s; last id ${result.lastId ?? '-'}, last hash ${result.lastHash ?? '-'}\n`);
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
