package io.telops.billing.voucher;

/** Why a code credited nothing. The IVR plays one prompt for all of them; the API names the reason. */
public enum VoucherRefusal {
    /** Not 10 to 20 digits: no lookup is made. */
    NOT_A_CODE,
    /** No voucher has this code. */
    UNKNOWN,
    /** Redeemed before (by anyone). */
    USED,
    EXPIRED,
    /** The batch is in another currency than the service's. */
    WRONG_CURRENCY
}
