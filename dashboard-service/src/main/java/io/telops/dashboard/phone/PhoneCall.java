package io.telops.dashboard.phone;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A call on a phone, assembled from its call-state changes: it is open until a terminal state, and its
 * duration runs from the first Connected to that end.
 */
@Entity
@Table(name = "phone_call")
public class PhoneCall extends PanacheEntityBase {
    /** From the column default ({@code phone_call_seq}): rows are written by {@link PhoneTables}, only read here. */
    @Id
    public Long id;
    @Column(columnDefinition = "char(12)")
    public String mac;
    @Column(name = "call_reference")
    public String callReference;
    @Column(name = "line_number")
    public Integer lineNumber;
    @Column(name = "line_dir_number")
    public String lineDirNumber;
    @Column(name = "call_type")
    public String callType;
    @Column(name = "calling_name")
    public String callingName;
    @Column(name = "calling_number")
    public String callingNumber;
    @Column(name = "called_name")
    public String calledName;
    @Column(name = "called_number")
    public String calledNumber;
    @Column(name = "last_state")
    public String lastState;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "connected_at")
    public Instant connectedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "duration_seconds")
    public Long durationSeconds;
    @Column(name = "reported_duration_seconds")
    public Integer reportedDurationSeconds;
    /** The phone's instant of the latest state applied. */
    @Column(name = "state_at")
    public Instant stateAt;
    /** When the latest state was received: the maximum call age counts from here. */
    @Column(name = "heard_at")
    public Instant heardAt;
    /** An {@link InferredEnd} label when the dashboard ended the call, absent when the phone did. */
    @Column(name = "end_reason")
    public String endReason;

    /** Applies a state; returns true when this state ended the call. */
    boolean enter(String state, Instant at) {
        lastState = state;
        if (stateAt == null || at.isAfter(stateAt)) {
            stateAt = at;
        }
        if (CallStates.isConnected(state) && connectedAt == null) {
            connectedAt = at;
        }
        if (CallStates.isTerminal(state)) {
            endedAt = at;
            durationSeconds = connectedAt == null ? 0L : Math.max(0L, Duration.between(connectedAt, at).toSeconds());
            return true;
        }
        return false;
    }

    /** A state of this call was received at {@code receivedAt}. */
    void heard(Instant receivedAt) {
        if (heardAt == null || receivedAt.isAfter(heardAt)) {
            heardAt = receivedAt;
        }
    }

    /** The phone's instant of the call's latest state (rows from before V41: its connection or start). */
    Instant lastStateAt() {
        return stateAt != null ? stateAt : connectedAt != null ? connectedAt : startedAt;
    }

    /** Ends the call at {@code at} for a reason the phone did not give; how long it was talked is unknown. */
    void endInferred(Instant at, InferredEnd reason) {
        endedAt = at;
        durationSeconds = null;
        endReason = reason.label();
    }

    /** Undoes an inferred end: the call turned out to be going on. */
    void reopen() {
        endedAt = null;
        durationSeconds = null;
        endReason = null;
    }
}
