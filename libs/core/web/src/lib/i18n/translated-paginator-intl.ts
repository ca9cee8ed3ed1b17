import { inject, Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslateService } from '@ngx-translate/core';

/** The paginator's labels in the interface language. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly translate = inject(TranslateService);

  constructor() {
    super();
    this.apply();
    this.translate.onLangChange.subscribe(() => {
      this.apply();
      this.changes.next();
    });
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0) return this.translate.instant('core.paginator.empty', { length });
    const start = page * pageSize + 1;
    const end = Math.min(start + pageSize - 1, length);
    return this.translate.instant('core.paginator.range', { start, end, length });
  };

  private apply(): void {
    this.itemsPerPageLabel = this.translate.instant('core.paginator.itemsPerPage');
    this.nextPageLabel = this.translate.instant('core.paginator.next');
    this.previousPageLabel = this.translate.instant('core.paginator.previous');
    this.firstPageLabel = this.translate.instant('core.paginator.first');
    this.lastPageLabel = this.translate.instant('core.paginator.last');
  }
}
