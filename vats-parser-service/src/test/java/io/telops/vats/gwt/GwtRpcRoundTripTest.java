package io.telops.vats.gwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class GwtRpcRoundTripTest {
    private static final GwtTypeReaders JRE = GwtTypeReaders.builder().arrayList().build();
    private static final String NASTY = "quote\" apostrophe' back\\slash pipe| amp& lt< eq= gt> nbhyphen\u2011 "
            + "nul\0 tab\t nl\n ls\u2028 ps\u2029 bom\uFEFF private\uE000 Кириллица emoji\uD83D\uDE00 combining e\u0301";

    @ParameterizedTest
    @EnumSource(GwtRpcStyle.class)
    void responsesRoundTripInBothStyles(GwtRpcStyle style) {
        GwtRpcResponseWriter out = new GwtRpcResponseWriter(style);
        out.beginArrayList(3);
        int shared = out.writeLongObject(-2587417674L);
        out.beginObject(GwtRpcWire.STRING);
        out.writeString(NASTY);
        out.writeBackReference(shared);
        out.writeLong(Long.MIN_VALUE);
        out.writeDouble(2.5);
        String body = out.toOkResponse();
        if (style == GwtRpcStyle.GWT_2_7) {
            assertThat(body).contains("'IAAAAAAAAAA'").contains("\\x27").doesNotContain("\\u0027");
        } else {
            assertThat(body).contains("\"IAAAAAAAAAA\"").contains("\\u0027").doesNotContain("\\x");
        }
        // the characters GWT must escape never appear raw
        assertThat(body).doesNotContain("\u2028", "\u2029", "\0", "<", ">", "&", "=");

        GwtRpcStream in = GwtRpcResponseReader.read(body).stream();
        assertThat((List<Object>) in.readObject(JRE, List.class).orElseThrow()).containsExactly(-2587417674L, NASTY, -2587417674L);
        assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(in.readDouble()).isEqualTo(2.5);
        in.requireFullyRead("round trip");
    }

    @ParameterizedTest
    @EnumSource(GwtRpcStyle.class)
    void longArraysAndLongStringsSplitAndJoin(GwtRpcStyle style) {
        // small limits force ].concat([ in payload and string table, and "+" string nodes
        GwtRpcResponseWriter out = new GwtRpcResponseWriter(style, 7, 16);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            strings.add("string number " + i + " " + "x".repeat(i) + NASTY.substring(0, i % 20));
        }
        out.beginArrayList(strings.size());
        for (String s : strings) {
            out.beginObject(GwtRpcWire.STRING);
            out.writeString(s);
        }
        String body = out.toOkResponse();
        assertThat(body).contains("].concat([").contains("],[").contains("\"+\"").endsWith("])");

        GwtRpcStream in = GwtRpcResponseReader.read(body).stream();
        assertThat((List<Object>) in.readObject(JRE, List.class).orElseThrow()).containsExactlyElementsOf(strings);
        in.requireFullyRead("split");
    }

    @Test
    void requestsRoundTripWithEscapes() {
        GwtRpcRequestWriter out = GwtRpcRequestWriter.call("https://vpbx.example/vpbxGwt/", "ABC123", "a.Service", "m",
                GwtRpcWire.LONG, "a.Model/1");
        int id = out.writeLongObject(2587417674L);
        out.beginObject("a.Model/1");
        out.writeString("pipe|back\\slash nul\0 Кириллица \uD83D\uDE00");
        out.writeNull();
        out.writeBackReference(id);
        out.writeBoolean(true);
        String body = out.toRequestBody();
        assertThat(body).startsWith("7|0|").endsWith("|").contains("pipe\\!back\\\\slash nul\\0");

        GwtRpcRequest request = GwtRpcRequestReader.read(body);
        assertThat(request.moduleBaseUrl()).isEqualTo("https://vpbx.example/vpbxGwt/");
        assertThat(request.policyStrongName()).isEqualTo("ABC123");
        assertThat(request.serviceInterface()).isEqualTo("a.Service");
        assertThat(request.method()).isEqualTo("m");
        assertThat(request.parameterTypes()).containsExactly(GwtRpcWire.LONG, "a.Model/1");
        GwtRpcRequest.Values values = request.values();
        assertThat(values.readObjectSlot()).isEqualTo(new GwtRpcRequest.ObjectSlot.NewObject(GwtRpcWire.LONG, 1));
        assertThat(values.readLong()).isEqualTo(2587417674L);
        assertThat(values.readObjectSlot()).isEqualTo(new GwtRpcRequest.ObjectSlot.NewObject("a.Model/1", 2));
        assertThat(values.readStringOrNull()).isEqualTo("pipe|back\\slash nul\0 Кириллица \uD83D\uDE00");
        assertThat(values.readObjectSlot()).isEqualTo(new GwtRpcRequest.ObjectSlot.Null());
        assertThat(values.readObjectSlot()).isEqualTo(new GwtRpcRequest.ObjectSlot.BackReference(1));
        assertThat(values.readBoolean()).isTrue();
        assertThat(values.atEnd()).isTrue();
    }

    @Test
    void requestReaderRejectsMalformedBodies() {
        assertThatThrownBy(() -> GwtRpcRequestReader.read("7|0")).isInstanceOf(GwtRpcFormatException.class);
        assertThatThrownBy(() -> GwtRpcRequestReader.read("7|0|9|a|b|")).isInstanceOf(GwtRpcFormatException.class);
        assertThatThrownBy(() -> GwtRpcRequestReader.read("7|0|1|bad\\q|1|")).isInstanceOf(GwtRpcFormatException.class)
                .hasMessageContaining("Unexpected escape");
        assertThatThrownBy(() -> GwtRpcRequestReader.read("7|2|1|a|1|")).isInstanceOf(GwtRpcFormatException.class)
                .hasMessageContaining("flags");
        assertThatThrownBy(() -> GwtRpcRequestWriter.call("u", "not a strong name", "i", "m"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
