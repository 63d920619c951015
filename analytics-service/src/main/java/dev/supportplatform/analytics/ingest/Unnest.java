package dev.supportplatform.analytics.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes many rows in one statement: each column goes over as one array and is unnested on the server. Much
 * cheaper than a JDBC batch of single-row statements when a poll brings hundreds of rows.
 */
final class Unnest {
    /** A column and its SQL type (text, int4, int8, float8, bool or timestamptz). */
    record Column(String name, String type) {
    }

    private Unnest() {
    }

    static <R> List<R> insert(JdbcTemplate jdbc, String table, List<Column> columns, List<Object[]> rows, String tail, RowMapper<R> mapper) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> names = columns.stream().map(Column::name).toList();
        String select = String.join(", ", columns.stream()
                .map(c -> c.type().equals("timestamptz") ? "u." + c.name() + "::timestamptz" : "u." + c.name()).toList());
        String arrays = String.join(", ", columns.stream()
                .map(c -> "?::" + (c.type().equals("timestamptz") ? "text" : c.type()) + "[]").toList());
        String sql = "insert into " + table + " (" + String.join(", ", names) + ") select " + select + " from unnest(" + arrays + ") as u("
                + String.join(", ", names) + ") " + tail;
        List<R> result = new ArrayList<>();
        org.springframework.jdbc.core.PreparedStatementCreator statement = con -> {
            var ps = con.prepareStatement(sql);
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                Object[] values = new Object[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    Object v = rows.get(r)[c];
                    values[r] = v instanceof Timestamp ts ? ts.toInstant().toString() : v;
                }
                String arrayType = column.type().equals("timestamptz") ? "text" : column.type();
                ps.setArray(c + 1, con.createArrayOf(arrayType, values));
            }
            return ps;
        };
        if (mapper == null) {
            jdbc.update(statement);
        } else {
            jdbc.query(statement, rs -> {
                result.add(mapper.mapRow(rs, result.size()));
            });
        }
        return result;
    }

    static List<Column> columns(String... nameTypePairs) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.add(new Column(nameTypePairs[i], nameTypePairs[i + 1]));
        }
        return columns;
    }
}
