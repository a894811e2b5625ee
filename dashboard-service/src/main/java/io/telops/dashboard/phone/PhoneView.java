package io.telops.dashboard.phone;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/** A phone as the API and the cards show it, with its most recent log rows. */
@TemplateData
public record PhoneView(String mac, String ip, Optional<String> model, String status, List<String> lines,
                        List<String> users, boolean locked, Instant firstHeardAt, Instant lastHeardAt,
                        long eventCount, List<LogView> recentLogs) {

    /** {@code 0004F214B89E} -> {@code 00:04:F2:14:B8:9E}, the way it is printed on the phone's label. */
    public String macDisplay() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < mac.length(); i += 2) {
            if (i > 0) {
                text.append(':');
            }
            text.append(mac, i, Math.min(i + 2, mac.length()));
        }
        return text.toString();
    }

    public String linesText() {
        return lines.isEmpty() ? "none" : String.join(", ", lines);
    }

    public String usersText() {
        return users.isEmpty() ? "none" : String.join(", ", users);
    }

    public String modelText() {
        return model.orElse("model unknown");
    }

    static PhoneView of(Phone phone, PhoneState status, List<LogView> recentLogs) {
        return new PhoneView(phone.mac, phone.ip, phone.model(), status.label(), List.of(phone.lines),
                List.of(phone.users), phone.locked, phone.firstHeardAt, phone.lastHeardAt, phone.eventCount,
                recentLogs);
    }
}
