import { Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';

/** The paginator's own texts in the chosen language (it only comes with English ones). */
@Injectable()
export class LibraryPaginatorIntl extends MatPaginatorIntl {
  override itemsPerPageLabel = $localize`:@@library.paginator.perPage:Series per page:`;
  override nextPageLabel = $localize`:@@library.paginator.next:Next page`;
  override previousPageLabel = $localize`:@@library.paginator.previous:Previous page`;
  override firstPageLabel = $localize`:@@library.paginator.first:First page`;
  override lastPageLabel = $localize`:@@library.paginator.last:Last page`;

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0)
      return $localize`:@@library.paginator.none:0 of ${length}:total:`;
    const first = page * pageSize + 1;
    const last = Math.min(length, (page + 1) * pageSize);
    return $localize`:@@library.paginator.range:${first}:first: – ${last}:last: of ${length}:total:`;
  };
}
