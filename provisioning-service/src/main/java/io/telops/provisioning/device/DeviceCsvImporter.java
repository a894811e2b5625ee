package io.telops.provisioning.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.telops.contracts.MacAddress;

/**
 * Bulk import of devices from CSV with a header row. Columns: {@code mac, brand, family, model} (required),
 * {@code site, sip_user, auth_user, sip_password, registrar, registrar_port, display_name, label,
 * prov_username, prov_password, timezone, firmware_url, expansion_modules}. Several rows with one MAC
 * give that device several lines, in row order. The whole file is read and checked before anything is
 * saved; then each device is created in its own transaction. The result lists every device with its
 * outcome (and its generated provisioning password), so a bad row never hides the rows saved before it.
 */
@ApplicationScoped
public class DeviceCsvImporter {
    private static final int MAX_ROWS = 20_000;

    @Inject
    DeviceService devices;

    public record Outcome(int row, String mac, String status, Optional<String> error, Optional<String> generatedProvPassword,
                          Optional<String> generatedAdminPassword, List<String> missingSettings) {
    }

    public List<Outcome> importCsv(String csv) {
        List<List<String>> rows = parse(csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty CSV");
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (String required : List.of("mac", "brand", "family", "model")) {
            if (!header.contains(required)) {
                throw new IllegalArgumentException("CSV header lacks column " + required);
            }
        }
        if (rows.size() - 1 > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " rows per import");
        }
        // first the whole file is read and checked, so nothing is saved before a malformed row is found
        Map<String, List<Map<String, String>>> byMac = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        Map<String, Outcome> invalid = new LinkedHashMap<>();
        List<Outcome> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                row.put(header.get(c), cells.get(c).strip());
            }
            String mac;
            try {
                mac = MacAddress.normalise(row.getOrDefault("mac", ""));
            } catch (IllegalArgumentException e) {
                out.add(rejected(i + 1, row.getOrDefault("mac", ""), e.getMessage()));
                continue;
            }
            byMac.computeIfAbsent(mac, m -> new ArrayList<>()).add(row);
            firstRow.putIfAbsent(mac, i + 1);
            Optional<String> error = numberError(row, "registrar_port").or(() -> numberError(row, "expansion_modules"));
            if (error.isPresent() && !invalid.containsKey(mac)) {
                // one bad row rejects its whole device: it would otherwise be created without that line
                invalid.put(mac, rejected(i + 1, mac, error.get()));
            }
        }
        out.addAll(invalid.values());
        byMac.forEach((mac, deviceRows) -> {
            if (!invalid.containsKey(mac)) {
                out.add(create(firstRow.get(mac), mac, deviceRows));
            }
        });
        out.sort(java.util.Comparator.comparingInt(Outcome::row));
        return out;
    }

    /** Creates one device in its own transaction; any refusal becomes that device's outcome, never the import's. */
    private Outcome create(int row, String mac, List<Map<String, String>> deviceRows) {
        try {
            Map<String, String> first = deviceRows.get(0);
            List<DeviceInput.Line> lines = deviceRows.stream().filter(r -> !r.getOrDefault("sip_user", "").isEmpty())
                    .map(r -> new DeviceInput.Line(r.get("sip_user"), opt(r, "auth_user"), opt(r, "sip_password"),
                            r.getOrDefault("registrar", ""), opt(r, "registrar_port").map(Integer::valueOf),
                            opt(r, "display_name"), opt(r, "label")))
                    .toList();
            DeviceInput in = new DeviceInput(mac, first.get("brand"), first.get("family"), first.get("model"),
                    opt(first, "site"), opt(first, "expansion_modules").map(Integer::valueOf), Optional.empty(),
                    opt(first, "prov_username"), opt(first, "prov_password"), opt(first, "timezone"),
                    opt(first, "firmware_url"), Optional.of(lines), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
            DeviceView created = devices.create(in);
            return new Outcome(row, mac, "created", Optional.empty(), created.generatedProvPassword(),
                    created.generatedAdminPassword(), created.missingSettings().orElse(List.of()));
        } catch (RuntimeException e) {
            return rejected(row, mac, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static Optional<String> numberError(Map<String, String> row, String column) {
        Optional<String> value = opt(row, column);
        if (value.isEmpty() || value.get().matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(column + " must be a whole number");
    }

    private static Outcome rejected(int row, String mac, String error) {
        return new Outcome(row, mac, "rejected", Optional.of(error), Optional.empty(), Optional.empty(), List.of());
    }

    private static Optional<String> opt(Map<String, String> row, String column) {
        return Optional.ofNullable(row.get(column)).filter(v -> !v.isBlank());
    }

    /** RFC 4180: commas, double-quoted fields with "" escapes, CRLF or LF line ends. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String s = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted CSV field");
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
