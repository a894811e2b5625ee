package io.telops.dashboard.phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The read model of one phone, keyed by its MAC (12 upper-case hex digits). */
@Entity
@Table(name = "phone")
public class Phone extends PanacheEntityBase {
    @Id
    @Column(columnDefinition = "char(12)")
    public String mac;
    public String ip;
    public String model;
    @Enumerated(EnumType.STRING)
    public PhoneState state;
    @Enumerated(EnumType.STRING)
    public PhoneState.Registration registration;
    @Column(name = "off_hook")
    public boolean offHook;
    /** The phone's instant of the event that set {@link #offHook}; absent before any hook event. */
    @Column(name = "off_hook_at")
    public Instant offHookAt;
    public boolean locked;
    /** The phone's instant of the event that set {@link #locked}. */
    @Column(name = "locked_at")
    public Instant lockedAt;
    /** Registered lines as {@link LineLabel}s. */
    public String[] lines;
    /** Users logged in on the phone. */
    public String[] users;
    @Column(name = "first_heard_at")
    public Instant firstHeardAt;
    @Column(name = "last_heard_at")
    public Instant lastHeardAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "event_count")
    public long eventCount;

    public static Phone firstHeard(String mac, String ip, Instant at) {
        Phone phone = new Phone();
        phone.mac = mac;
        phone.ip = ip;
        phone.state = PhoneState.UNKNOWN;
        phone.registration = PhoneState.Registration.UNKNOWN;
        phone.lines = new String[0];
        phone.users = new String[0];
        phone.firstHeardAt = at;
        phone.lastHeardAt = at;
        phone.updatedAt = at;
        return phone;
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /**
     * The phone spoke: its address may have changed and its silence ends. Silence is measured on when the platform
     * received the event, never on the phone's clock, which may be hours off.
     */
    void heard(String fromIp, Instant receivedAt, Instant now) {
        if (fromIp != null && !fromIp.isBlank()) {
            ip = fromIp.strip();
        }
        if (receivedAt.isAfter(lastHeardAt)) {
            lastHeardAt = receivedAt;
        }
        updatedAt = now;
        eventCount++;
    }

    /** Off or on hook as of {@code at}: an event older than the one that set the flag is history only. */
    void hook(boolean lifted, Instant at) {
        if (offHookAt == null || !at.isBefore(offHookAt)) {
            offHook = lifted;
            offHookAt = at;
        }
    }

    /** Locked or unlocked as of {@code at}, by the same rule as {@link #hook}. */
    void lock(boolean lockedNow, Instant at) {
        if (lockedAt == null || !at.isBefore(lockedAt)) {
            locked = lockedNow;
            lockedAt = at;
        }
    }

    void lineRegistered(LineLabel line) {
        List<String> kept = withoutLine(line);
        kept.add(line.label());
        lines = kept.toArray(String[]::new);
        registration = PhoneState.Registration.REGISTERED;
    }

    void lineUnregistered(LineLabel line) {
        lines = withoutLine(line).toArray(String[]::new);
        registration = lines.length == 0 ? PhoneState.Registration.UNREGISTERED : PhoneState.Registration.REGISTERED;
    }

    void userLoggedIn(String user) {
        List<String> kept = new ArrayList<>(Arrays.asList(users));
        kept.remove(user);
        kept.add(user);
        users = kept.toArray(String[]::new);
    }

    void userLoggedOut(Optional<String> user) {
        if (user.isEmpty()) {
            users = new String[0];
            return;
        }
        users = Arrays.stream(users).filter(u -> !u.equals(user.get())).toArray(String[]::new);
    }

    private List<String> withoutLine(LineLabel line) {
        List<String> kept = new ArrayList<>();
        for (String existing : lines) {
            if (!LineLabel.parse(existing).sameLine(line)) {
                kept.add(existing);
            }
        }
        return kept;
    }
}
