import { Injectable, type PipeTransform } from '@nestjs/common';
import { badInput } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects ids that are not UUIDs before they reach PostgreSQL. */
@Injectable()
export class UuidPipe implements PipeTransform<string | undefined | null> {
  transform(value: string | undefined | null): string | undefined | null {
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string' || !UUID.test(value)) throw badInput('core.errors.invalidId', { value: String(value).slice(0, 60) });
    return value.toLowerCase();
  }
}

export const isUuid = (value: string): boolean => UUID.test(value);
