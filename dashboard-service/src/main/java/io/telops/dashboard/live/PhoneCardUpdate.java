package io.telops.dashboard.live;

/** What an open page receives when a phone changed: its new status and its card, rendered and escaped. */
public record PhoneCardUpdate(String mac, String status, long eventCount, String cardHtml) {
}
