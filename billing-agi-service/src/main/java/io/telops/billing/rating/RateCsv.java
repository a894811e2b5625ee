package io.telops.billing.rating;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.agroal.api.AgroalDataSource;
import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.ledger.TariffRate;

/**
 * A plan's rates as CSV. Import replaces all of a plan's rates in one transaction, streamed into PostgreSQL with
 * COPY as the file is read: every row is checked first, and the first bad row rejects the whole file with its line
 * number (the COPY is cancelled and nothing is kept). Export streams the rates out with COPY in the same columns.
 */
@ApplicationScoped
public class RateCsv {
    public static final List<String> COLUMNS = List.of("prefix", "period", "rate_per_minute_minor", "initial_increment",
            "subsequent_increment", "connection_fee_minor", "minimum_seconds", "permission", "description");
    /** Longer lines are not rates: a guard against a file that is not what it claims to be. */
    private static final int MAX_LINE = 1024;
    private static final int MAX_ROWS = 2_000_000;
    private static final String COPY_IN = "copy plan_rate (plan_id, prefix, period, rate_per_minute_minor, initial_increment, "
            + "subsequent_increment, connection_fee_minor, minimum_seconds, permission, description) from stdin (format csv)";

    private final AgroalDataSource dataSource;

    RateCsv(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces the rates of a plan with the file's; returns how many rows it had. */
    public long importRates(String planName, InputStream csv) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long rows = importRates(c, planName, new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16));
                c.commit();
                return rows;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rate import failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw LedgerRejection.invalid("the CSV could not be read: " + e.getMessage());
        }
    }

    private long importRates(Connection c, String planName, BufferedReader in) throws SQLException, IOException {
        long planId;
        Set<String> periods = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("select id from rate_plan where name = ? for update")) {
            st.setString(1, planName);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw LedgerRejection.notFound("no plan '" + planName + "'");
                }
                planId = rs.getLong(1);
            }
        }
        try (PreparedStatement st = c.prepareStatement("select distinct name from plan_period where plan_id = ?")) {
            st.setLong(1, planId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    periods.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("delete from plan_rate where plan_id = ?")) {
            st.setLong(1, planId);
            st.executeUpdate();
        }
        String header = in.readLine();
        if (header == null || !parse(strip(header), 1).equals(COLUMNS)) {
            throw LedgerRejection.invalid("line 1: the header must be " + String.join(",", COLUMNS));
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_IN);
        try {
            Set<String> seen = new HashSet<>();
            StringBuilder out = new StringBuilder(1 << 16);
            long rows = 0;
            int lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw LedgerRejection.invalid("line " + lineNo + ": at most " + MAX_ROWS + " rates in a file");
                }
                appendRow(out, planId, row(line, lineNo, periods, seen));
                if (out.length() > 60_000) {
                    flush(copy, out);
                }
            }
            flush(copy, out);
            copy.endCopy();
            return rows;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static PlanRate row(String line, int lineNo, Set<String> periods, Set<String> seen) {
        List<String> f = parse(line, lineNo);
        if (f.size() != COLUMNS.size()) {
            throw LedgerRejection.invalid("line " + lineNo + ": " + COLUMNS.size() + " columns expected, " + f.size() + " found");
        }
        String prefix = f.get(0);
        String period = f.get(1);
        if (!prefix.matches("[0-9+*#]{0,32}")) {
            throw LedgerRejection.invalid("line " + lineNo + ": prefix: up to 32 of 0-9 + * #");
        }
        if (!period.isEmpty() && !periods.contains(period)) {
            throw LedgerRejection.invalid("line " + lineNo + ": the plan has no period '" + clip(period) + "'");
        }
        if (!seen.add(prefix + "\u0000" + period)) {
            throw LedgerRejection.invalid("line " + lineNo + ": prefix '" + prefix + "' appears twice for period '" + clip(period) + "'");
        }
        String permission = f.get(7);
        if (!permission.isEmpty() && !permission.matches("[A-Za-z0-9_-]{1,32}")) {
            throw LedgerRejection.invalid("line " + lineNo + ": permission: 1-32 of A-Z a-z 0-9 _ -");
        }
        if (f.get(8).length() > 100) {
            throw LedgerRejection.invalid("line " + lineNo + ": description: at most 100 characters");
        }
        try {
            TariffRate rate = new TariffRate(number(f.get(2), "rate_per_minute_minor"), (int) number(f.get(3), "initial_increment"),
                    (int) number(f.get(4), "subsequent_increment"), number(f.get(5), "connection_fee_minor"));
            int minimum = (int) number(f.get(6), "minimum_seconds");
            if (minimum < 0) {
                throw new IllegalArgumentException("minimum_seconds is not negative");
            }
            return new PlanRate(prefix, period, f.get(8).isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(f.get(8)),
                    rate, minimum, permission.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(permission));
        } catch (IllegalArgumentException e) {
            throw LedgerRejection.invalid("line " + lineNo + ": " + e.getMessage());
        }
    }

    private static long number(String text, String column) {
        if (text.isEmpty() && column.equals("minimum_seconds")) {
            return 0;
        }
        if (!text.matches("-?[0-9]{1,9}")) {
            throw new IllegalArgumentException(column + ": a whole number, not '" + clip(text) + "'");
        }
        return Long.parseLong(text);
    }

    private static void appendRow(StringBuilder out, long planId, PlanRate r) {
        TariffRate t = r.tariff();
        out.append(planId).append(',').append(quote(r.prefix())).append(',').append(quote(r.period())).append(',')
                .append(t.ratePerMinuteMinor()).append(',').append(t.initialIncrement()).append(',')
                .append(t.subsequentIncrement()).append(',').append(t.connectionFeeMinor()).append(',')
                .append(r.minimumSeconds()).append(',').append(r.permission().orElse("")).append(',')
                .append(r.description().map(RateCsv::quote).orElse("")).append('\n');
    }

    private static void flush(CopyIn copy, StringBuilder out) throws SQLException {
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        out.setLength(0);
    }

    /** Always quoted: in COPY's CSV an unquoted empty field is NULL, a quoted one the empty string. */
    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String strip(String header) {
        return header.startsWith("\uFEFF") ? header.substring(1) : header;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** One CSV record on one line (RFC 4180 quoting; a quoted field cannot hold a line break here). */
    static List<String> parse(String line, int lineNo) {
        if (line.length() > MAX_LINE) {
            throw LedgerRejection.invalid("line " + lineNo + ": longer than " + MAX_LINE + " characters");
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw LedgerRejection.invalid("line " + lineNo + ": a quoted field is not closed");
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(ch);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw LedgerRejection.invalid("line " + lineNo + ": text after a closing quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        throw LedgerRejection.invalid("line " + lineNo + ": a quote inside an unquoted field");
                    }
                    f.append(ch);
                }
            }
            fields.add(f.toString());
            f.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** Streams a plan's rates as CSV with a header row, ordered by prefix and period. */
    public void exportRates(String planName, OutputStream out) {
        try (Connection c = dataSource.getConnection()) {
            long planId;
            try (PreparedStatement st = c.prepareStatement("select id from rate_plan where name = ?")) {
                st.setString(1, planName);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw LedgerRejection.notFound("no plan '" + planName + "'");
                    }
                    planId = rs.getLong(1);
                }
            }
            // planId is a number read from the database: safe to write into the statement (COPY takes no parameters)
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select prefix, period, rate_per_minute_minor, "
                    + "initial_increment, subsequent_increment, connection_fee_minor, minimum_seconds, permission, description "
                    + "from plan_rate where plan_id = " + planId + " order by prefix, period) to stdout (format csv, header)", out);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("rate export failed: " + e.getMessage(), e);
        }
    }
}
