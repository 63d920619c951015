package dev.supportplatform.knowledge.search;

import dev.supportplatform.knowledge.document.DocumentFilter;

import java.util.List;

/** The WHERE clause shared by both retrieval sides: tenant first, processed documents only, then the filter. */
final class ChunkFilterSql {

    private ChunkFilterSql() {
    }

    /** Expects {@code chunks c join documents d}; appends the arguments in order. */
    static String where(String tenantId, DocumentFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder(" where c.tenant_id = ? and d.tenant_id = c.tenant_id and d.status = 'processed'");
        args.add(tenantId);
        if (filter.collection() != null) {
            sql.append(" and d.collection = ?");
            args.add(filter.collection());
        }
        if (filter.category() != null) {
            sql.append(" and d.category = ?");
            args.add(filter.category());
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" and d.tags @> ?::text[]");
            args.add(filter.tags().toArray(String[]::new));
        }
        if (filter.documentId() != null) {
            sql.append(" and c.document_id = ?");
            args.add(filter.documentId());
        }
        return sql.toString();
    }
}
