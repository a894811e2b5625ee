package io.telops.provisioning.render;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Fanvil {@code <mac>.cfg}: the nested {@code <sysConf>} XML of current X/V/i-series firmware, opened by
 * {@code <Version>2.0000000000</Version>}. A template names each setting by its path below {@code sysConf},
 * {@code /}-separated, where {@code name[n]} is an element with {@code index="n"}: {@code sip/line[{ACCOUNT}]/PhoneNumber}
 * becomes {@code <sip><line index="1"><PhoneNumber>}. Siblings keep the order they first appear in.
 * DSS keys: {@code dsskey/dssSide[1]/Fkey[N]} with Type 1 (memory key) and a value {@code number@line/mode}, mode
 * {@code ba} BLF (pickup prefix after it), {@code f} speed dial, {@code c} park; Type 2 {@code SIPn} for a line key.
 */
public final class FanvilRenderer extends VendorRenderer {
    static final FanvilRenderer INSTANCE = new FanvilRenderer();
    /** The format version every sample of the nested format carries. */
    static final String VERSION = "2.0000000000";
    /** One path step: an element name, optionally with its {@code index} attribute. */
    private static final Pattern STEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_\\-]*)(?:\\[([0-9]{1,4})])?");
    private static final String INDENT = "    ";

    private FanvilRenderer() {
    }

    @Override
    public Vendor vendor() {
        return Vendor.FANVIL;
    }

    @Override
    protected List<Setting> keySettings(KeyView key, UsrKeys usr, DeviceView device) {
        int n = keyNumber(key, usr);
        String prefix = key.module() == 0
                ? keyPrefix(usr.phoneKeyValue(), "dsskey/dssSide[1]/Fkey[{KEY}]", 0, n, "")
                : keyPrefix(usr.moduleKeyValue(), "dsskey/dssExt[{MODULE}]/Fkey[{KEY}]", key.module(), n, "");
        String line = Integer.toString(key.line() + 1);
        String pickup = device.setting("BLF_PICKUP_PREFIX", "");
        String[] typeAndValue = switch (key.type()) {
            case PRESENCE -> new String[] {"1", key.value() + "@" + line + "/ba" + (pickup.isEmpty() ? "" : pickup + key.value())};
            case SPEED_DIAL -> new String[] {"1", key.value() + "@" + line + "/f"};
            case PARKING -> new String[] {"1", key.value() + "@" + line + "/c"};
            case LINE -> new String[] {"2", "SIP" + line};
        };
        String type = typeAndValue[0];
        String value = typeAndValue[1];
        return List.of(Setting.of(prefix + "/Type", type), Setting.of(prefix + "/Value", value),
                Setting.of(prefix + "/Title", key.label()));
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        Node root = new Node();
        for (Section section : Section.values()) {
            for (Setting s : expanded.get(section)) {
                root.put(s.name(), s.value());
            }
        }
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sysConf>\n");
        out.append(INDENT).append("<Version>").append(VERSION).append("</Version>\n");
        root.children.values().forEach(c -> c.write(out, 1));
        out.append("</sysConf>\n");
        return RenderedFile.utf8(out.toString(), "application/xml; charset=utf-8");
    }

    /**
     * The common file a Fanvil phone fetches before its own ({@code f0<model>hw<version>.cfg}, the name differs per
     * model and hardware): where to provision from, no account and no secret. {@code FlashProtocol} 4 is HTTP, 5 HTTPS.
     */
    public static RenderedFile commonFile(URI publicUrl) {
        String base = CommonFiles.base(publicUrl);
        String text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- common file from telops provisioning: the same for every"
                + " Fanvil phone; lines are in <mac>.cfg -->\n<sysConf>\n"
                + INDENT + "<Version>" + VERSION + "</Version>\n"
                + INDENT + "<ap>\n"
                + INDENT + INDENT + "<DownloadCommonConf>1</DownloadCommonConf>\n"
                + INDENT + INDENT + "<FlashServerIP>" + ConfigEscaping.xmlText(base + "/prov/fanvil") + "</FlashServerIP>\n"
                + INDENT + INDENT + "<FlashFileName>$mac.cfg</FlashFileName>\n"
                + INDENT + INDENT + "<FlashProtocol>" + (base.startsWith("https:") ? "5" : "4") + "</FlashProtocol>\n"
                + INDENT + INDENT + "<FlashMode>1</FlashMode>\n"
                + INDENT + "</ap>\n"
                + "</sysConf>\n";
        return RenderedFile.utf8(text, "application/xml; charset=utf-8");
    }

    /** The leaf settings of a {@code <sysConf>} document as template paths, the inverse of {@link #write}. */
    public static List<Setting> settingsOf(Element sysConf) {
        List<Setting> out = new ArrayList<>();
        collect(sysConf, "", out);
        return out;
    }

    private static void collect(Element e, String path, List<Setting> out) {
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                String step = child.getTagName() + (child.hasAttribute("index") ? "[" + child.getAttribute("index") + "]" : "");
                String childPath = path.isEmpty() ? step : path + "/" + step;
                if (child.getElementsByTagName("*").getLength() > 0) {
                    collect(child, childPath, out);
                } else if (!(path.isEmpty() && child.getTagName().equals("Version"))) {
                    out.add(Setting.of(childPath, child.getTextContent()));
                }
            }
        }
    }

    /** One element of the tree being written: a text value, or children in first-seen order. */
    private static final class Node {
        final String name;
        final String index;
        final Map<String, Node> children = new LinkedHashMap<>();
        String value;

        Node() {
            this("", null);
        }

        Node(String name, String index) {
            this.name = name;
            this.index = index;
        }

        void put(String path, String v) {
            Node at = this;
            for (String step : path.split("/", -1)) {
                Matcher m = STEP.matcher(step);
                if (!m.matches()) {
                    throw new RenderException("invalid Fanvil setting path after rendering: '" + ConfigEscaping.plainValue(path) + "'");
                }
                Node parent = at;
                if (parent.value != null) {
                    throw new RenderException("Fanvil setting '" + ConfigEscaping.plainValue(path) + "' is below a value");
                }
                at = parent.children.computeIfAbsent(step, k -> new Node(m.group(1), m.group(2)));
            }
            if (!at.children.isEmpty()) {
                throw new RenderException("Fanvil setting '" + ConfigEscaping.plainValue(path) + "' has settings below it");
            }
            at.value = v;
        }

        void write(StringBuilder out, int depth) {
            String pad = INDENT.repeat(depth);
            out.append(pad).append('<').append(name);
            if (index != null) {
                out.append(" index=\"").append(index).append('"');
            }
            if (value != null) {
                out.append('>').append(ConfigEscaping.xmlText(value)).append("</").append(name).append(">\n");
                return;
            }
            out.append(">\n");
            children.values().forEach(c -> c.write(out, depth + 1));
            out.append(pad).append("</").append(name).append(">\n");
        }
    }
}
