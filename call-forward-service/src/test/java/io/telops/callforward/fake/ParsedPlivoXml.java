package io.telops.callforward.fake;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** A Plivo XML document parsed the way Plivo would read it: elements, attributes, text; DTDs refused. */
public record ParsedPlivoXml(List<El> elements) {

    /** One element: name, attributes, its own text and its child elements. */
    public record El(String name, Map<String, String> attrs, String text, List<El> children) {
        public String attr(String name) {
            return attrs.get(name);
        }
    }

    public static ParsedPlivoXml parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            Document doc = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            if (!root.getTagName().equals("Response")) {
                throw new IllegalArgumentException("root is " + root.getTagName() + ", not Response");
            }
            return new ParsedPlivoXml(children(root));
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed Plivo XML: " + xml, e);
        }
    }

    public List<String> names() {
        return elements.stream().map(El::name).toList();
    }

    public El get(int i) {
        return elements.get(i);
    }

    private static List<El> children(Element parent) {
        List<El> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                Map<String, String> attrs = new LinkedHashMap<>();
                NamedNodeMap map = e.getAttributes();
                for (int i = 0; i < map.getLength(); i++) {
                    attrs.put(map.item(i).getNodeName(), map.item(i).getNodeValue());
                }
                StringBuilder text = new StringBuilder();
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                        text.append(c.getNodeValue());
                    }
                }
                out.add(new El(e.getTagName(), attrs, text.toString().trim(), children(e)));
            }
        }
        return out;
    }
}
