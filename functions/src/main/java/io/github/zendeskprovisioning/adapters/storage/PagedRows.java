package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.http.rest.PagedIterable;
import com.azure.data.tables.models.TableEntity;

import java.util.Iterator;
import java.util.function.Function;

/** Rows of a query read page by page as the caller iterates, with storage failures mapped on the way. */
final class PagedRows<T> implements Iterable<T> {
    private final String what;
    private final PagedIterable<TableEntity> rows;
    private final Function<TableEntity, T> mapper;

    PagedRows(String what, PagedIterable<TableEntity> rows, Function<TableEntity, T> mapper) {
        this.what = what;
        this.rows = rows;
        this.mapper = mapper;
    }

    @Override
    public Iterator<T> iterator() {
        Iterator<TableEntity> inner = StorageFailures.call(what, rows::iterator);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return StorageFailures.call(what, inner::hasNext);
            }

            @Override
            public T next() {
                return mapper.apply(StorageFailures.call(what, inner::next));
            }
        };
    }
}
