package io.telops.billing.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * A CDR search written as CSV (RFC 4180), row by row from a server-side cursor: memory stays flat however many rows
 * match. Cells that a spreadsheet would run as a formula are written as text.
 */
@ApplicationScoped
public class CdrExport {
    public static final String HEADER = "id,call_unique_id,account_id,caller_id,destination,channel,tariff_prefix,"
            + "billsec,billed_seconds,amount_minor,settled_at,duration,dial_status,hangup_cause,dialled_peer,caller_imsi,"
            + "callee_imsi,rate_per_minute_minor,initial_increment,subsequent_increment,connection_fee_minor";
    private static final int FETCH = 500;
    /** A dialled or calling number, which may start with + and must stay a number. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9*#]+");

    private final AgroalDataSource dataSource;

    CdrExport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the header and every CDR the filter matches, newest first. */
    public void write(History.CdrFilter f, Writer out) throws IOException {
        StringBuilder sql = new StringBuilder("select id, call_unique_id, account_id, caller_id, destination, channel, "
                + "tariff_prefix, billsec, billed_seconds, amount_minor, settled_at, duration, dial_status, hangup_cause, dialled_peer, "
                + "caller_imsi, callee_imsi, rate_per_minute_minor, initial_increment, subsequent_increment, connection_fee_minor "
                + "from cdr where true");
        List<Object> params = new ArrayList<>();
        f.accountId().ifPresent(a -> { sql.append(" and account_id = ?"); params.add(a); });
        f.destinationPrefix().ifPresent(d -> { sql.append(" and destination like ?"); params.add(d.replaceAll("[^0-9+*#]", "") + "%"); });
        f.callUniqueId().ifPresent(u -> { sql.append(" and call_unique_id = ?"); params.add(u); });
        f.from().ifPresent(t -> { sql.append(" and settled_at >= ?"); params.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)); });
        f.to().ifPresent(t -> { sql.append(" and settled_at < ?"); params.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)); });
        sql.append(" order by settled_at desc, id desc");
        out.write(HEADER + "\r\n");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc uses a cursor (fetch size) only inside a transaction
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                st.setFetchSize(FETCH);
                for (int i = 0; i < params.size(); i++) {
                    st.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.write(row(rs));
                    }
                }
            } finally {
                c.rollback(); // read only
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("CDR export failed: " + e.getMessage(), e));
        }
        out.flush();
    }

    private static String row(ResultSet rs) throws SQLException {
        StringBuilder b = new StringBuilder();
        b.append(rs.getLong(1)).append(',').append(cell(rs.getString(2))).append(',').append(rs.getLong(3)).append(',')
                .append(cell(rs.getString(4))).append(',').append(cell(rs.getString(5))).append(',')
                .append(cell(rs.getString(6))).append(',').append(cell(rs.getString(7))).append(',')
                .append(rs.getInt(8)).append(',').append(rs.getInt(9)).append(',').append(rs.getLong(10)).append(',')
                .append(rs.getObject(11, OffsetDateTime.class).toInstant());
        // V8 columns: null (older rows, values the PBX did not pass) is an empty cell
        for (int col = 12; col <= 21; col++) {
            b.append(',').append(cell(rs.getString(col)));
        }
        return b.append("\r\n").toString();
    }

    /** RFC 4180 quoting; a leading = + - @ tab or CR (other than in a plain number) is made text with a quote mark. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
