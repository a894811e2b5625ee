package io.telops.callforward.line;

/** Which number the forwarded leg shows: the original caller's, or the line's rented number. */
public enum CallerIdPolicy {
    CALLER, LINE_NUMBER
}
