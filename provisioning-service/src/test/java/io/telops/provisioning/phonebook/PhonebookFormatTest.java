package io.telops.provisioning.phonebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.telops.provisioning.template.SecureXml;

/**
 * Each vendor's phonebook file, parsed as the phone parses it (well-formed XML, no DTD), has exactly the element and
 * attribute structure of a fixture made after that vendor's published sample ({@code src/test/resources/phonebook/},
 * sources in each header), and hostile or non-ASCII names and numbers arrive as entered.
 */
class PhonebookFormatTest {
    private static final String HOSTILE = "<&\">' Zoë Ørsted 山田 \uD83D\uDCDE";
    private static final List<Entry> SAMPLE = List.of(new Entry("Jane", "Doe", "2001"));

    private static String fixture(PhonebookFormat f) {
        try (InputStream in = PhonebookFormatTest.class.getResourceAsStream("/phonebook/" + f.name().toLowerCase(Locale.ROOT) + ".xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every element path with its attribute names and, for leaves, the text: the shape a phone reads. */
    private static Set<String> shape(Document doc) {
        Set<String> out = new TreeSet<>();
        walk(doc.getDocumentElement(), "", out);
        return out;
    }

    private static void walk(Element e, String parent, Set<String> out) {
        String path = parent + "/" + e.getTagName();
        NamedNodeMap attrs = e.getAttributes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            names.add(attrs.item(i).getNodeName() + "=" + attrs.item(i).getNodeValue());
        }
        boolean leaf = true;
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                leaf = false;
                walk(child, path, out);
            }
        }
        out.add(path + names + (leaf ? " " + e.getTextContent() : ""));
    }

    @ParameterizedTest
    @EnumSource(PhonebookFormat.class)
    void matchesTheVendorsSampleElementForElement(PhonebookFormat format) {
        Document sample = SecureXml.parse(fixture(format));
        Document ours = SecureXml.parse(format.render(SAMPLE).text());
        assertThat(shape(ours)).isEqualTo(shape(sample));
    }

    @ParameterizedTest
    @EnumSource(PhonebookFormat.class)
    void hostileAndNonAsciiNamesAndNumbersArriveAsEntered(PhonebookFormat format) {
        List<Entry> entries = List.of(new Entry(HOSTILE, "O'Brien & <Sons>", "+41#2001"), new Entry("", "Ünal", "2002@pbx.example.com"));
        String text = format.render(entries).text();
        Document doc = SecureXml.parse(text);
        List<String> texts = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Node n = all.item(i);
            if (((Element) n).getElementsByTagName("*").getLength() == 0) {
                texts.add(n.getTextContent());
            }
        }
        String first = format == PhonebookFormat.POLYCOM || format == PhonebookFormat.GRANDSTREAM ? HOSTILE : HOSTILE + " O'Brien & <Sons>";
        assertThat(texts).contains(first, "+41#2001", "2002@pbx.example.com");
        assertThat(texts).anyMatch(t -> t.equals("Ünal"));
        assertThat(text).doesNotContain("<Sons>").doesNotContain("&\"");
    }

    @Test
    void ciscoListsAtMostThirtyTwoEntriesAsItsObjectAllows() {
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new Entry("", "Name" + i, Integer.toString(3000 + i)));
        }
        Document doc = SecureXml.parse(PhonebookFormat.CISCO.render(many).text());
        assertThat(doc.getElementsByTagName("DirectoryEntry").getLength()).isEqualTo(32);
        assertThat(doc.getElementsByTagName("Prompt").item(0).getTextContent()).isEqualTo("First 32 of 40");
    }

    @Test
    void eachVendorGetsItsUrlInTheShapeItsKeyTakes() {
        String base = "https://prov.example.net";
        assertThat(PhonebookFormat.YEALINK.url(base, "001565AABBCC")).isEqualTo("https://prov.example.net/prov/yealink/001565aabbcc/phonebook.xml");
        // P331 is a path without scheme; the phone appends /phonebook.xml itself
        assertThat(PhonebookFormat.GRANDSTREAM.url(base, "000B82AABBCC")).isEqualTo("prov.example.net/prov/grandstream/000b82aabbcc");
        assertThat(PhonebookFormat.POLYCOM.url(base, "0004F2AABBCC")).isEqualTo("https://prov.example.net/prov/polycom/0004f2aabbcc-directory.xml");
        assertThat(PhonebookFormat.of(io.telops.provisioning.render.Vendor.MITEL)).isEmpty();
    }
}
