import type { DataSource, EntityManager } from 'typeorm';

/** Runs `work` in a transaction, reusing the caller's one when a manager is passed in. */
export function inTransaction<T>(dataSource: DataSource, manager: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (manager?.queryRunner?.isTransactionActive) return work(manager);
  return dataSource.transaction(work);
}
