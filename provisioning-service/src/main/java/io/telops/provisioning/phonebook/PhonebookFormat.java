package io.telops.provisioning.phonebook;

import java.util.List;
import java.util.Optional;

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
    YEALINK(Vendor.YEALINK) {
        @Override
        String body(List<Entry> entries) {
            return directoryEntries("YealinkIPPhoneDirectory", entries);
        }
    },
    /** Polycom contact directory {@code <mac>-directory.xml}: directory / item_list / item (fn, ln, ct). */
    POLYCOM(Vendor.POLYCOM) {
        @Override
        String body(List<Entry> entries) {
            StringBuilder out = new StringBuilder("<directory>\n  <item_list>\n");
            for (Entry e : entries) {
                out.append("    <item>\n");
                element(out, "      ", "fn", e.firstName());
                element(out, "      ", "ln", e.lastName());
                element(out, "      ", "ct", e.number());
                out.append("    </item>\n");
            }
            return out.append("  </item_list>\n</directory>\n").toString();
        }
    },
    /**
     * Snom tbook as a setting file: {@code complete="true"} replaces the phone's previous list, {@code e="2"} allows
     * characters above 255; items with context, type and a unique index from 0.
     */
    SNOM(Vendor.SNOM) {
        @Override
        String body(List<Entry> entries) {
            StringBuilder out = new StringBuilder("<tbook complete=\"true\" e=\"2\">\n");
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                out.append("  <item context=\"active\" type=\"none\" index=\"").append(i).append("\">\n");
                element(out, "    ", "name", e.displayName());
                element(out, "    ", "number", e.number());
                out.append("  </item>\n");
            }
            return out.append("</tbook>\n").toString();
        }
    },
    /** Grandstream XML phonebook: AddressBook / Contact (LastName, FirstName, Phone type=Work: phonenumber, accountindex). */
    GRANDSTREAM(Vendor.GRANDSTREAM) {
        @Override
        String body(List<Entry> entries) {
            StringBuilder out = new StringBuilder("<AddressBook>\n");
            for (Entry e : entries) {
                out.append("  <Contact>\n");
                element(out, "    ", "LastName", e.lastName());
                element(out, "    ", "FirstName", e.firstName());
                out.append("    <Phone type=\"Work\">\n");
                element(out, "      ", "phonenumber", e.number());
                element(out, "      ", "accountindex", "0"); // 0 = account 1 (0..5)
                out.append("    </Phone>\n  </Contact>\n");
            }
            return out.append("</AddressBook>\n").toString();
        }
    },
    /**
     * Cisco IP Phone Services {@code CiscoIPPhoneDirectory}: Title, Prompt, DirectoryEntry (Name, Telephone). The
     * object holds at most 32 entries; more are cut (noted in the Prompt).
     */
    CISCO(Vendor.CISCO) {
        @Override
        String body(List<Entry> entries) {
            List<Entry> shown = entries.size() > CISCO_MAX ? entries.subList(0, CISCO_MAX) : entries;
            StringBuilder out = new StringBuilder("<CiscoIPPhoneDirectory>\n");
            element(out, "  ", "Title", "Directory");
            element(out, "  ", "Prompt", entries.size() > CISCO_MAX ? "First " + CISCO_MAX + " of " + entries.size() : "Select a contact");
            for (Entry e : shown) {
                out.append("  <DirectoryEntry>\n");
                element(out, "    ", "Name", e.displayName());
                element(out, "    ", "Telephone", e.number());
                out.append("  </DirectoryEntry>\n");
            }
            return out.append("</CiscoIPPhoneDirectory>\n").toString();
        }
    },
    /** Fanvil XML phonebook: FanvilIPPhoneDirectory / DirectoryEntry (Name, Telephone). */
    FANVIL(Vendor.FANVIL) {
        @Override
        String body(List<Entry> entries) {
            return directoryEntries("FanvilIPPhoneDirectory", entries);
        }
    };

    /** CiscoIPPhoneDirectory's documented maximum of DirectoryEntry elements. */
    static final int CISCO_MAX = 32;
    /** The file name under {@code /prov/{vendor}/{mac}/}; Grandstream appends it to the path it is given itself. */
    public static final String FILE = "phonebook.xml";

    private final Vendor vendor;

    PhonebookFormat(Vendor vendor) {
        this.vendor = vendor;
    }

    public Vendor vendor() {
        return vendor;
    }

    public static Optional<PhonebookFormat> of(Vendor vendor) {
        for (PhonebookFormat f : values()) {
            if (f.vendor == vendor) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    abstract String body(List<Entry> entries);

    public RenderedFile render(List<Entry> entries) {
        return RenderedFile.utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body(entries), "application/xml; charset=utf-8");
    }

    /**
     * The URL the phone is given, in the shape its phonebook key takes: Grandstream's P331 is a server path without
     * scheme to which the phone appends {@code /phonebook.xml}; Polycom needs none (it asks for {@code <mac>-directory.xml}
     * next to its config files) and gets that file's URL for reference.
     */
    public String url(String publicBase, String mac) {
        String m = mac.toLowerCase(java.util.Locale.ROOT);
        String dir = publicBase + "/prov/" + vendor.brand() + "/" + m;
        return switch (this) {
            case GRANDSTREAM -> dir.replaceFirst("^https?://", "");
            case POLYCOM -> publicBase + "/prov/polycom/" + m + "-directory.xml";
            default -> dir + "/" + FILE;
        };
    }

    private static String directoryEntries(String root, List<Entry> entries) {
        StringBuilder out = new StringBuilder("<").append(root).append(">\n");
        for (Entry e : entries) {
            out.append("  <DirectoryEntry>\n");
            element(out, "    ", "Name", e.displayName());
            element(out, "    ", "Telephone", e.number());
            out.append("  </DirectoryEntry>\n");
        }
        return out.append("</").append(root).append(">\n").toString();
    }

    private static void element(StringBuilder out, String indent, String name, String text) {
        out.append(indent).append('<').append(name).append('>').append(ConfigEscaping.xmlText(text))
                .append("</").append(name).append(">\n");
    }
}
