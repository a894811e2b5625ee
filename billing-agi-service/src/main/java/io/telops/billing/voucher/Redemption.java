package io.telops.billing.voucher;

/** The outcome of redeeming one code. */
public sealed interface Redemption {
    record Credited(long voucherId, long batchId, long accountId, long amountMinor, long balanceAfter, long ledgerEntryId)
            implements Redemption {
    }

    record Refused(VoucherRefusal reason) implements Redemption {
    }
}
