package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkPage;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Table {@code Links}: PartitionKey = kind ({@code USER}, {@code GROUP}), RowKey = escaped Entra id. Lookups
 * are point reads; reading every link of a kind is one paged range of its partition.
 */
final class AzureLinkStore implements LinkStore {
    static final String TABLE = "Links";

    /** Written values longer than this (as JSON) are not stored: such a user is read from Zendesk before an update. */
    static final int MAX_VALUES_CHARS = 30_000;

    private final Tables tables;
    private final JsonColumns json;

    AzureLinkStore(Tables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    @Override
    public Optional<Link> find(ObjectKind kind, String entraId) {
        return RowReads.find(table(), "reading a link", kind.name(), TableKeys.encode(entraId)).map(this::link);
    }

    /**
     * One point read per id. Table Storage runs a filter that ORs row keys as a scan of the whole partition (all
     * links of the kind), so batch lookups that way cost in proportion to the tenant each; a point read costs one
     * row. Callers that need the links of a whole tenant read them in pages ({@link #all}) instead.
     */
    @Override
    public Map<String, Link> find(ObjectKind kind, Collection<String> entraIds) {
        Map<String, Link> found = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(entraIds)) {
            RowReads.find(table(), "reading a link", kind.name(), TableKeys.encode(id)).map(this::link)
                    .ifPresent(link -> found.put(id, link));
        }
        return found;
    }

    @Override
    public Link insert(Link link) {
        TableEntity entity = entity(link);
        Response<Void> response = StorageFailures.call("inserting the " + link.kind() + " link for '" + link.entraId() + "'",
                () -> table().createEntityWithResponse(entity, null, null));
        return link.withEtag(StorageFailures.etagHeader(response.getHeaders()));
    }

    @Override
    public Link update(Link link) {
        if (link.etag() == null) {
            throw new IllegalArgumentException("a link update needs the etag it was read with; insert new links");
        }
        TableEntity entity = EntityColumns.withEtag(entity(link), link.etag());
        String what = "updating the " + link.kind() + " link for '" + link.entraId() + "'";
        try {
            Response<Void> response = table().updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
            return link.withEtag(StorageFailures.etagHeader(response.getHeaders()));
        } catch (RuntimeException e) {
            if (StorageFailures.status(e) == 404) {
                throw new ConcurrentUpdateException(what + ": the link was deleted since it was read", e);
            }
            throw StorageFailures.map(what, e);
        }
    }

    @Override
    public void upsertAll(List<Link> links) {
        List<TableTransactionAction> actions = links.stream()
                .map(l -> new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, entity(l))).toList();
        TableBatches.submit(table(), "writing links", actions);
    }

    @Override
    public void delete(ObjectKind kind, String entraId) {
        RowReads.deleteIfExists(table(), "deleting a link", kind.name(), TableKeys.encode(entraId));
    }

    @Override
    public Iterable<Link> all(ObjectKind kind) {
        ODataFilter filter = ODataFilter.eq("PartitionKey", kind.name());
        return new PagedRows<>("reading links", table().listEntities(
                new ListEntitiesOptions().setFilter(filter.text()), null, null), this::link);
    }

    @Override
    public LinkPage activePage(ObjectKind kind, String continuation, int max) {
        if (max < 1 || max > MAX_PAGE) throw new IllegalArgumentException("a page of links holds 1 to " + MAX_PAGE + ", not " + max);
        // Our own cursor (the last row key read) rather than the service's token: it is a plain key range, and
        // a page the service cuts short (it may, with a token) is simply continued by the iterator below.
        ODataFilter filter = ODataFilter.eq("PartitionKey", kind.name());
        if (continuation != null) filter = filter.and(ODataFilter.gt("RowKey", continuation));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter.text()).setTop(max);
        Iterator<TableEntity> rows = new PagedRows<>("reading a page of links", table().listEntities(options, null, null),
                e -> e).iterator();
        List<Link> active = new ArrayList<>();
        String last = null;
        int read = 0;
        while (read < max && rows.hasNext()) {
            TableEntity row = rows.next();
            read++;
            last = row.getRowKey();
            Link link = link(row);
            if (link.state() == LinkState.ACTIVE) active.add(link);
        }
        return new LinkPage(active, read == max ? last : null);
    }

    @Override
    public void clear() {
        RowReads.deleteAll(table(), "clearing links");
    }

    private TableClient table() {
        return tables.table(TABLE);
    }

    private TableEntity entity(Link link) {
        if (link == null || link.kind() == null || link.entraId() == null || link.entraId().isEmpty()) {
            throw new IllegalArgumentException("a link needs a kind and a non-empty Entra id");
        }
        TableEntity e = new TableEntity(link.kind().name(), TableKeys.encode(link.entraId()));
        EntityColumns.put(e, "EntraId", link.entraId());
        EntityColumns.put(e, "ZendeskId", link.zendeskId());
        EntityColumns.put(e, "State", link.state() == null ? null : link.state().name());
        EntityColumns.put(e, "Role", link.role());
        EntityColumns.put(e, "WrittenHash", link.writtenHash());
        EntityColumns.put(e, "UpdatedAt", link.updatedAt());
        // Tags never hold white space (Zendesk splits at it), so one space-separated column holds the set.
        if (!link.ownedTags().isEmpty()) EntityColumns.put(e, "OwnedTags", String.join(" ", link.ownedTags()));
        if (!link.writtenValues().isEmpty()) {
            String values = json.textMap(link.writtenValues());
            // A column holds at most 64 KiB; without the values the next update reads the user first, as it always could.
            if (values.length() <= MAX_VALUES_CHARS) EntityColumns.put(e, "WrittenValues", values);
        }
        return e;
    }

    private Link link(TableEntity e) {
        return new Link(ObjectKind.valueOf(e.getPartitionKey()), EntityColumns.text(e, "EntraId"),
                EntityColumns.number(e, "ZendeskId", 0), EntityColumns.enumValue(e, "State", LinkState.class),
                EntityColumns.text(e, "Role"), EntityColumns.text(e, "WrittenHash"),
                EntityColumns.instant(e, "UpdatedAt"), e.getETag(), ownedTags(EntityColumns.text(e, "OwnedTags")),
                json.textMap(EntityColumns.text(e, "WrittenValues")));
    }

    private static List<String> ownedTags(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.trim().split(" +"));
    }
}
