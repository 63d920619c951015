package dev.supportplatform.crm.contact;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The list page, newest first (by {@code seq}), in native SQL that names the tenant itself. No page costs its
 * offset: the total comes from the trigger-kept {@code contact_counts} row instead of COUNT(*), and a page past the
 * first is located through {@code contact_buckets} (counts per 1024 consecutive seq values): a running sum over the
 * tenant's buckets finds the bucket holding the page's first row and how many of the bucket's rows come before it,
 * so at most 1023 index entries are skipped. Buckets fill oldest first, so ranks are counted from the oldest row:
 * newest-first rows [offset, offset + n) are oldest-first rows [total - offset - n, total - offset).
 */
@Component
public class ContactListQuery {

    /** Rows per bucket: contact_buckets.bucket = seq >> 10. */
    static final int BUCKET_BITS = 10;

    public record Row(String id, String name, String email, String company, Instant createdAt, boolean active) {
        static Row of(ContactData c) {
            return new Row(c.id(), c.name(), c.email(), c.company(), c.createdAt(), c.active());
        }
    }

    public record Page(List<Row> rows, long total) {
    }

    private final JdbcTemplate jdbc;

    public ContactListQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement, so that the total and the rows come from one snapshot without a transaction around them, and a
     * page costs one round trip. The page size is written into the SQL (it is a validated 1..100) so that the planner
     * knows the join is for a handful of rows in every plan it caches.
     */
    Page page(String tenantId, int page, int perPage, boolean activeOnly) {
        long offset = (long) (page - 1) * perPage;
        String total = "with t as (select coalesce((select %s from contact_counts where tenant_id = ?), 0) as total)"
                .formatted(column(activeOnly));
        String rows = """
                select t.total, c.id, c.name, c.email, c.company, c.created_at, c.is_active
                from t left join (k join contacts c on c.id = k.id) on true
                order by k.seq desc""";
        if (offset == 0) {
            String sql = total + """
                    , k as (select id, seq from contacts where tenant_id = ? %s order by seq desc limit %d)
                    """.formatted(activeFilter(activeOnly), perPage) + rows;
            return query(sql, tenantId, tenantId);
        }
        // Newest-first rows [offset, offset + n) are oldest-first ranks [start, start + n) with start = total - offset - n;
        // the anchor is the bucket holding rank start and the number of rows in the buckets before it. On the last,
        // partial page start is 0 and only the oldest total - offset of the rows read belong to the page.
        String sql = total + """
                , r as (select greatest(0, total - ? - %d) as start_rank from t),
                a as (select running.bucket, running.before
                      from (select bucket, n, sum(n) over (order by bucket) - n as before
                            from (select bucket, %s as n from contact_buckets where tenant_id = ?) counts) running, r
                      where running.before <= r.start_rank and running.before + running.n > r.start_rank
                      order by running.bucket limit 1),
                k as (select id, seq from contacts
                      where tenant_id = ? %s and seq >= (select bucket << %d from a)
                      order by seq
                      offset (select r.start_rank - a.before from r, a) limit %d)
                """.formatted(perPage, column(activeOnly), activeFilter(activeOnly), BUCKET_BITS, perPage) + rows;
        Page read = query(sql, tenantId, offset, tenantId, tenantId);
        int belonging = (int) Math.max(0, Math.min(perPage, read.total() - offset));
        List<Row> found = read.rows();
        return new Page(found.subList(Math.max(0, found.size() - belonging), found.size()), read.total());
    }

    private Page query(String sql, Object... args) {
        long[] total = {0};
        List<Row> rows = new ArrayList<>();
        jdbc.query(sql, rs -> {
            total[0] = rs.getLong(1);
            if (rs.getString(2) != null) {
                rows.add(new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getBoolean(7)));
            }
        }, args);
        return new Page(rows, total[0]);
    }

    private static String column(boolean activeOnly) {
        return activeOnly ? "active" : "total";
    }

    private static String activeFilter(boolean activeOnly) {
        return activeOnly ? "and is_active" : "";
    }
}
