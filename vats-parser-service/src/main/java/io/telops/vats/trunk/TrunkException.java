package io.telops.vats.trunk;

import io.telops.contracts.vats.SyncGuardTripped;

/** Why a trunk operation was refused before or after asking the cabinet. */
public abstract sealed class TrunkException extends RuntimeException
        permits TrunkException.NotFound, TrunkException.NoSipDevice, TrunkException.SyncInProgress, TrunkException.SyncRefused {

    protected TrunkException(String message) {
        super(message);
    }

    public abstract String kind();

    public static final class NotFound extends TrunkException {
        public NotFound(String what) {
            super(what + " is not a known trunk; run a sync first");
        }

        private NotFound(String message, boolean verbatim) {
            super(message);
        }

        public static NotFound syncOverride(long id) {
            return new NotFound("there is no sync override " + id, true);
        }

        @Override
        public String kind() {
            return "trunk_not_found";
        }
    }

    public static final class NoSipDevice extends TrunkException {
        public NoSipDevice(long trunkId) {
            super("trunk " + trunkId + " has no SIP device to switch; add one first");
        }

        @Override
        public String kind() {
            return "no_sip_device";
        }
    }

    public static final class SyncInProgress extends TrunkException {
        public SyncInProgress() {
            super("a sync is already running");
        }

        @Override
        public String kind() {
            return "sync_in_progress";
        }
    }

    /**
     * The cabinet's answer was complete and well-formed but implausible; nothing was stored or published but
     * {@code tripped}, the REFUSED event the caller appends in a transaction of its own.
     */
    public static final class SyncRefused extends TrunkException {
        private final transient SyncGuardTripped tripped;

        public SyncRefused(String reason, SyncGuardTripped tripped) {
            super(reason);
            this.tripped = tripped;
        }

        public SyncGuardTripped tripped() {
            return tripped;
        }

        @Override
        public String kind() {
            return "implausible_answer";
        }
    }
}
