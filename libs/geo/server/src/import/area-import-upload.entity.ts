import { CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A hierarchy CSV uploaded for import, kept on disk (UPLOAD_DIR) until the import reads it. */
@Entity({ schema: 'geo', name: 'import_upload' })
export class AreaImportUpload extends CoreEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  @Column({ name: 'storage_path', type: 'text' })
  storagePath: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
