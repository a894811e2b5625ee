package io.telops.provisioning.phonebook;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.telops.provisioning.render.ConfigEscaping;
import io.telops.provisioning.render.RenderedFile;
import io.telops.provisioning.render.Vendor;

/**
 * Each vendor's remote-phonebook XML, with the element names its documentation gives (sources in
 * {@code docs/provisioning/phonebooks.md} and the fixtures' headers). Every name and number goes through
 * {@link ConfigEscaping#xmlText}, so {@code < & " > '} and any script arrive as entered. Mitel/Aastra has none here.
 */
public enum PhonebookFormat {
    /** Yealink "Remote Phone Book": YealinkIPPhoneDirectory / DirectoryEntry (Name, Telephone). */
    YEALINK(Vendor.YEALINK, Layout.directoryEntries("YealinkIPPhoneDirectory")),
    /** Polycom contact directory {@code <mac>-directory.xml}: directory / item_list / item (fn, ln, ct). */
    POLYCOM(Vendor.POLYCOM, new Layout(count -> "<directory>\n  <item_list>\n", Layout.ALL, List.of(
            text("    <item>\n"),
            element("      ", "fn", Entry::firstName),
            element("      ", "ln", Entry::lastName),
            element("      ", "ct", Entry::number),
            text("    </item>\n")), "  </item_list>\n</directory>\n")),
    /**
     * Snom tbook as a setting file: {@code complete="true"} replaces the phone's previous list, {@code e="2"} allows
     * characters above 255; items with context, type and a unique index from 0.
     */
    SNOM(Vendor.SNOM, new Layout(count -> "<tbook complete=\"true\" e=\"2\">\n", Layout.ALL, List.of(
            (out, index, e) -> out.append("  <item context=\"active\" type=\"none\" index=\"").append(index).append("\">\n"),
            element("    ", "name", Entry::displayName),
            element("    ", "number", Entry::number),
            text("  </item>\n")), "</tbook>\n")),
    /** Grandstream XML phonebook: AddressBook / Contact (LastName, FirstName, Phone type=Work: phonenumber, accountindex). */
    GRANDSTREAM(Vendor.GRANDSTREAM, new Layout(count -> "<AddressBook>\n", Layout.ALL, List.of(
            text("  <Contact>\n"),
            element("    ", "LastName", Entry::lastName),
            element("    ", "FirstName", Entry::firstName),
            text("    <Phone type=\"Work\">\n"),
            element("      ", "phonenumber", Entry::number),
            element("      ", "accountindex", e -> "0"), // 0 = account 1 (0..5)
            text("    </Phone>\n  </Contact>\n")), "</AddressBook>\n")),
    /**
     * Cisco IP Phone Services {@code CiscoIPPhoneDirectory}: Title, Prompt, DirectoryEntry (Name, Telephone). The
     * object holds at most 32 entries; more are cut (noted in the Prompt).
     */
    CISCO(Vendor.CISCO, new Layout(count -> "<CiscoIPPhoneDirectory>\n" + element("  ", "Title", "Directory")
            + element("  ", "Prompt", count > PhonebookFormat.CISCO_MAX
                    ? "First " + PhonebookFormat.CISCO_MAX + " of " + count : "Select a contact"),
            PhonebookFormat.CISCO_MAX, Layout.DIRECTORY_ENTRY, "</CiscoIPPhoneDirectory>\n")),
    /** Fanvil XML phonebook: FanvilIPPhoneDirectory / DirectoryEntry (Name, Telephone). */
    FANVIL(Vendor.FANVIL, Layout.directoryEntries("FanvilIPPhoneDirectory"));

    /** CiscoIPPhoneDirectory's documented maximum of DirectoryEntry elements. */
    static final int CISCO_MAX = 32;
    /** The file name under {@code /prov/{vendor}/{mac}/}; Grandstream appends it to the path it is given itself. */
    public static final String FILE = "phonebook.xml";

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private final Vendor vendor;
    private final Layout layout;

    PhonebookFormat(Vendor vendor, Layout layout) {
        this.vendor = vendor;
        this.layout = layout;
    }

    public Vendor vendor() {
        return vendor;
    }

    public static Optional<PhonebookFormat> of(Vendor vendor) {
        return Arrays.stream(values()).filter(f -> f.vendor == vendor).findFirst();
    }

    /** The one render loop: what differs per vendor is its {@link Layout}. */
    public RenderedFile render(List<Entry> entries) {
        StringBuilder out = new StringBuilder(XML_DECLARATION).append(layout.head().apply(entries.size()));
        int shown = Math.min(entries.size(), layout.maxEntries());
        for (int i = 0; i < shown; i++) {
            for (Line line : layout.entry()) {
                line.write(out, i, entries.get(i));
            }
        }
        return RenderedFile.utf8(out.append(layout.tail()).toString(), "application/xml; charset=utf-8");
    }

    /**
     * The URL the phone is given, in the shape its phonebook key takes: Grandstream's P331 is a server path without
     * scheme to which the phone appends {@code /phonebook.xml}; Polycom needs none (it asks for {@code <mac>-directory.xml}
     * next to its config files) and gets that file's URL for reference.
     */
    public String url(String publicBase, String mac) {
        String m = mac.toLowerCase(Locale.ROOT);
        String dir = publicBase + "/prov/" + vendor.brand() + "/" + m;
        return switch (this) {
            case GRANDSTREAM -> dir.replaceFirst("^https?://", "");
            case POLYCOM -> publicBase + "/prov/polycom/" + m + "-directory.xml";
            default -> dir + "/" + FILE;
        };
    }

    /** One line (or a few) of an entry's XML; {@code index} counts the entries written, from 0. */
    @FunctionalInterface
    private interface Line {
        void write(StringBuilder out, int index, Entry entry);
    }

    /**
     * A vendor's file: the head (which may name the number of entries), at most {@code maxEntries} entries each
     * written line by line, and the tail.
     */
    private record Layout(IntFunction<String> head, int maxEntries, List<Line> entry, String tail) {
        static final int ALL = Integer.MAX_VALUE;
        /** Yealink's, Fanvil's and Cisco's entry. */
        static final List<Line> DIRECTORY_ENTRY = List.of(
                text("  <DirectoryEntry>\n"),
                element("    ", "Name", Entry::displayName),
                element("    ", "Telephone", Entry::number),
                text("  </DirectoryEntry>\n"));

        static Layout directoryEntries(String root) {
            return new Layout(count -> "<" + root + ">\n", ALL, DIRECTORY_ENTRY, "</" + root + ">\n");
        }
    }

    private static Line text(String xml) {
        return (out, index, entry) -> out.append(xml);
    }

    private static Line element(String indent, String name, Function<Entry, String> text) {
        return (out, index, entry) -> out.append(element(indent, name, text.apply(entry)));
    }

    private static String element(String indent, String name, String text) {
        return indent + '<' + name + '>' + ConfigEscaping.xmlText(text) + "</" + name + ">\n";
    }
}
