import { Field, ObjectType } from '@nestjs/graphql';
import { CoreEntity } from '@coremis/core';
import { Column, Entity } from 'typeorm';

/** A file uploaded for import, kept on disk (it can be hundreds of megabytes). */
@ObjectType()
@Entity({ schema: 'registry', name: 'import_upload' })
export class ImportUpload extends CoreEntity {
  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'CSV or XLSX' })
  @Column({ type: 'varchar', length: 10 })
  format: 'CSV' | 'XLSX';

  @Field()
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  @Column({ name: 'storage_path', type: 'text' })
  storagePath: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
