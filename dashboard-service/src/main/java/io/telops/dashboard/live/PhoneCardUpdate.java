package io.telops.dashboard.live;

/**
 * What an open page receives when a phone changed: its new status and its card, rendered and escaped, and
 * how many phones the read model holds now (the unfiltered overview shows that count).
 */
public record PhoneCardUpdate(String mac, String status, long eventCount, String cardHtml, long phoneCount) {
}
