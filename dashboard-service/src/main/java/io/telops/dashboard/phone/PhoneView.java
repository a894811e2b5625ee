package io.telops.dashboard.phone;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/**
 * A phone as the API and the cards show it, with its most recent log rows. {@code statusReason} says why an
 * offline phone is offline ("no event for 3 h"); first and last heard are when its events were received.
 */
@TemplateData
public record PhoneView(String mac, String ip, Optional<String> model, String status, Optional<String> statusReason,
                        List<String> lines, List<String> users, boolean locked, Instant firstHeardAt,
                        Instant lastHeardAt, long eventCount, List<LogView> recentLogs) {

    /** How long a phone has been silent, in the coarsest unit that still tells something. */
    static String silence(Duration silent) {
        long minutes = Math.max(0, silent.toMinutes());
        if (minutes < 120) {
            return "no event for " + minutes + " min";
        }
        long hours = silent.toHours();
        return hours < 48 ? "no event for " + hours + " h" : "no event for " + silent.toDays() + " days";
    }

    public String statusReasonText() {
        return statusReason.orElse("");
    }

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
        return new PhoneView(phone.mac, phone.ip, phone.model(), status.label(), Optional.empty(), List.of(phone.lines),
                List.of(phone.users), phone.locked, phone.firstHeardAt, phone.lastHeardAt, phone.eventCount,
                recentLogs);
    }
}
