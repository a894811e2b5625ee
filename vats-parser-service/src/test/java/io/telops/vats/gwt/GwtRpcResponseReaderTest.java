package io.telops.vats.gwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Responses written out by hand from GWT's documented format and its own test cases. */
class GwtRpcResponseReaderTest {
    private static final GwtTypeReaders JRE = GwtTypeReaders.builder().arrayList().build();

    @Test
    void readsFromTheEndLikeClientSerializationStreamReader() {
        // ClientSerializationStreamReaderTest: [3.5,1,3,2,["one","two","three"],0,7]
        GwtRpcStream in = ok("//OK[3.5,1,3,2,[\"one\",\"two\",\"three\"],0,7]");
        assertThat(in.version()).isEqualTo(7);
        assertThat(in.flags()).isZero();
        assertThat(in.readString()).contains("two");
        assertThat(in.readString()).contains("three");
        assertThat(in.readString()).contains("one");
        assertThat(in.readDouble()).isEqualTo(3.5);
        in.requireFullyRead("sample");
    }

    @Test
    void joinsSplitStringNodes() {
        GwtRpcStream in = ok("//OK[1,[\"one\"+\"two\"+ \"three\"],0,7]");
        assertThat(in.readString()).contains("onetwothree");
    }

    @Test
    void flattensConcatenatedArraysIncludingTheStringTable() {
        GwtRpcStream in = ok("//OK[1,2].concat([[\"one\"].concat([\"two\"]),0,7])");
        assertThat(in.stringTable()).containsExactly("one", "two");
        assertThat(in.readString()).contains("two");
        assertThat(in.readString()).contains("one");
        in.requireFullyRead("sample");
    }

    @Test
    void readsSeveralConcatChunks() {
        GwtRpcStream in = ok("//OK[5,4].concat([3,2],[1,[\"a\"],0,7])");
        for (int expected = 1; expected <= 5; expected++) {
            assertThat(in.readInt()).isEqualTo(expected);
        }
        in.requireFullyRead("sample");
    }

    /** One payload as GWT 2.8 writes it (double quotes, unicode escapes) and as GWT 2.7 does (single quotes, hex escapes). */
    static List<String> samePayloadTwoWriters() {
        String types = "\"java.lang.Long/4227064769\",\"java.lang.Boolean/476441737\",\"java.lang.String/2004016611\",";
        return List.of(
                // written by gwt-servlet 2.12.1 ServerSerializationStreamWriter (research notes, section 2.3):
                // ArrayList[Long 2587417674, FALSE, "sip_...", "P@ss|w'rd\<x>=&", the same Long], then long 100
                "//OK[\"Bk\",-2,6,4,5,4,0,3,\"CaONxK\",2,5,1,[\"java.util.ArrayList/4159755760\"," + types
                        + "\"sip_9990000000_abc\",\"P@ss|w\\u0027rd\\\\\\u003Cx\\u003E\\u003D\\u0026\"],0,7]",
                "//OK['Bk',-2,6,4,5,4,0,3,'CaONxK',2,5,1,[\"java.util.ArrayList/4159755760\"," + types
                        + "\"sip_9990000000_abc\",\"P@ss|w\\x27rd\\\\\\x3Cx\\x3E\\x3D\\x26\"],0,7]");
    }

    @ParameterizedTest
    @MethodSource("samePayloadTwoWriters")
    void decodesBackReferencesQuotedLongsAndEscapesAsBothGwtVersionsWriteThem(String body) {
        GwtRpcStream in = ok(body);
        List<Object> list = new java.util.ArrayList<Object>(in.readObject(JRE, List.class).orElseThrow());
        assertThat(list).containsExactly(2587417674L, false, "sip_9990000000_abc", "P@ss|w'rd\\<x>=&", 2587417674L);
        assertThat(in.readLong()).isEqualTo(100L);
        in.requireFullyRead("sample");
    }

    @Test
    void readsAnIncompatibleRemoteServiceException() {
        GwtRpcResponse response = GwtRpcResponseReader.read("//EX[2,1,[\"com.google.gwt.user.client.rpc."
                + "IncompatibleRemoteServiceException/3936916533\",\"This application is out of date, please click "
                + "the refresh button on your browser.\"],0,7]");
        assertThat(response).isInstanceOf(GwtRpcResponse.Thrown.class);
        GwtRpcResponse.Thrown thrown = (GwtRpcResponse.Thrown) response;
        assertThat(thrown.exceptionType()).isEqualTo("com.google.gwt.user.client.rpc.IncompatibleRemoteServiceException");
        assertThat(thrown.message()).startsWith("This application is out of date");
    }

    @Test
    void readsALegacyExceptionWithHexEscapedQuotes() {
        GwtRpcResponse.Thrown thrown = (GwtRpcResponse.Thrown) GwtRpcResponseReader.read("//EX[2,1,[\"com.google.gwt.user."
                + "client.rpc.IncompatibleRemoteServiceException/3936916533\",\"Type \\x27a.b.C\\x27 was not assignable to "
                + "\\x27com.google.gwt.user.client.rpc.IsSerializable\\x27\"],0,7]");
        assertThat(thrown.message()).isEqualTo("Type 'a.b.C' was not assignable to 'com.google.gwt.user.client.rpc.IsSerializable'");
    }

    @Test
    void readsAllJavaScriptEscapesAndBothQuoteStyles() {
        GwtRpcStream in = ok("//OK[2,1,[\"\\b\\t\\n\\f\\r\\v\\0\\\"\\'\\\\\\/\", 'single \"quoted\" \\x41\\u0411'],0,7]");
        assertThat(in.readString()).contains("\b\t\n\f\r\u000B\0\"'\\/");
        assertThat(in.readString()).contains("single \"quoted\" A\u0411");
    }

    @Test
    void readsNegativeNumbersDoublesAndSpecialValues() {
        GwtRpcStream in = ok("//OK[NaN,-Infinity,1.5e3,-0.25,-12,[],0,7]");
        assertThat(in.readInt()).isEqualTo(-12);
        assertThat(in.readDouble()).isEqualTo(-0.25);
        assertThat(in.readDouble()).isEqualTo(1500.0);
        assertThat(in.readDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(in.readDouble()).isNaN();
    }

    @Test
    void readsVersion5LongsAsTwoDoubles() {
        GwtRpcStream in = ok("//OK[4.294967296E9,5.0,[],0,5]");
        assertThat(in.readLong()).isEqualTo(5L + 4294967296L);
    }

    @Test
    void rejectsWhatIsNotAGwtResponse() {
        assertThatThrownBy(() -> GwtRpcResponseReader.read("<html><form><input name=j_username></form></html>"))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("no //OK or //EX");
        assertThatThrownBy(() -> GwtRpcResponseReader.read("//OK[1,[\"a\"],0,9]"))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> GwtRpcResponseReader.read("//OK[1,[\"a\"],4,7]"))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("unknown flag");
        assertThatThrownBy(() -> GwtRpcResponseReader.read("//OK[1,2,0,7]"))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("no string table");
        assertThatThrownBy(() -> GwtRpcResponseReader.read("//OK[1,[\"a],0,7]"))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> GwtRpcResponseReader.read("//OK[1,[\"a\"],0,7];alert(1)"))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> GwtRpcResponseReader.read("//OK[1,[\"a\"],[\"b\"],0,7]"))
                .isInstanceOf(GwtRpcFormatException.class);
        assertThatThrownBy(() -> GwtRpcResponseReader.read("//OK[foo(),[\"a\"],0,7]"))
                .isInstanceOf(GwtRpcFormatException.class);
    }

    @Test
    void failsOnBadIndexesAndUnknownTypes() {
        assertThatThrownBy(() -> ok("//OK[5,[\"a\"],0,7]").readString())
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("outside the table");
        assertThatThrownBy(() -> ok("//OK[-1,[\"a\"],0,7]").readObject(JRE))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("back-reference");
        assertThatThrownBy(() -> ok("//OK[1,[\"com.example.Unknown/1\"],0,7]").readObject(JRE))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("unexpected type com.example.Unknown/1");
        assertThatThrownBy(() -> ok("//OK[1,1,[\"a\"],0,7]").requireFullyRead("x"))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("2 payload tokens left");
        assertThatThrownBy(() -> ok("//OK[[\"a\"],0,7]").readInt())
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("past the end");
        assertThatThrownBy(() -> ok("//OK[3,[\"a\"],0,7]").readLong())
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("quoted base-64");
    }

    @Test
    void strictTypesRejectAChangedSignature() {
        GwtTypeReaders readers = GwtTypeReaders.builder().strict("a.Model/111", (in, sig) -> in.readInt()).build();
        assertThat(ok("//OK[42,1,[\"a.Model/111\"],0,7]").readObject(readers)).contains(42);
        assertThatThrownBy(() -> ok("//OK[42,1,[\"a.Model/222\"],0,7]").readObject(readers))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("signature changed");
    }

    private static GwtRpcStream ok(String body) {
        GwtRpcResponse response = GwtRpcResponseReader.read(body);
        assertThat(response).isInstanceOf(GwtRpcResponse.Ok.class);
        return response.stream();
    }
}
