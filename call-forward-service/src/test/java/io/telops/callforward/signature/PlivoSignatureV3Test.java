package io.telops.callforward.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Official plivo-go vectors (TestValidateSignatureV3Pass1..4) plus edge cases. */
class PlivoSignatureV3Test {
    private static final String TOKEN = "Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4";
    private static final String NONCE = "31627761595286130198";
    private static final Map<String, String> PARAMS = Map.ofEntries(
            Map.entry("Direction", "outbound"), Map.entry("From", "19792014278"),
            Map.entry("ALegUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"), Map.entry("CallStatus", "in-progress"),
            Map.entry("BillRate", "0.002"), Map.entry("ParentAuthID", "MANWVLYTK4ZWU1YTY4QA"),
            Map.entry("To", "sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com"),
            Map.entry("ALegRequestUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"),
            Map.entry("CallUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"),
            Map.entry("RequestUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36"),
            Map.entry("SIP-H-To", "<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1"),
            Map.entry("SessionStart", "2020-04-08 11:34:33.238707"), Map.entry("Event", "StartApp"));

    private static final String OUR_TOKEN = "MY_TEST_AUTH_TOKEN_0123456789abcdef";
    private static final String OUR_NONCE = "05429567804466091622";

    static SignedRequest request(String method, String url, Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return new SignedRequest(method, URI.create(url), multi);
    }

    @ParameterizedTest(name = "official vector {0} {1}")
    @CsvSource({
            "POST, https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d, k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c=",
            "GET, https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d, UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ=",
            "POST, https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml, iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=",
            "GET, https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml, i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc="})
    void officialVectorsPass(String method, String url, String expected) {
        SignedRequest req = request(method, url, PARAMS);
        assertThat(PlivoSignatureV3.compute(req, NONCE, TOKEN)).isEqualTo(expected);
        assertThat(PlivoSignatureV3.verify(req, NONCE, List.of(expected), TOKEN)).isTrue();
    }

    @Test
    void stringToSignOfOfficialPostVectorMatchesTheNotes() {
        String s = PlivoSignatureV3.stringToSign(request("POST",
                "https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d", PARAMS), NONCE);
        assertThat(s).startsWith("https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d.ALegRequestUUID3e82")
                .contains("SIP-H-To<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1SessionStart")
                .endsWith("Tosip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com.31627761595286130198");
    }

    @Test
    void getWithParamsInTheQueryEqualsGetWithParamsGiven() {
        // Plivo's GET puts its parameters in the query: the service sees the full URL and no form
        StringBuilder q = new StringBuilder();
        new java.util.TreeMap<>(PARAMS).forEach((k, v) -> q.append('&').append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        SignedRequest asReceived = request("GET", "https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml?"
                + q.substring(1), Map.of());
        assertThat(PlivoSignatureV3.compute(asReceived, NONCE, TOKEN)).isEqualTo("i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc=");
    }

    @Test
    void explicitPortIsPartOfTheSignedUrl() {
        SignedRequest withPort = request("POST", "https://example.com:8443/answer", PARAMS);
        assertThat(PlivoSignatureV3.compute(withPort, NONCE, TOKEN)).isEqualTo("YHyUSgewIhREktlfjKbysZ2B1qUqMML4ER/OE3n4ktA=");
        // plivo-java drops the port and gets this value instead: we must not accept it
        assertThat(PlivoSignatureV3.verify(withPort, NONCE, List.of("2L9hePWKnGE60nu80mNIW/4Uwp9UisVQmwH5jcALRgI="), TOKEN)).isFalse();
    }

    @ParameterizedTest(name = "extra vector {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "POST|https://forward.example.com/plivo/answer|CallUUID=7a3e4f2c-1111-4aaa-8bbb-0123456789ab;From=14155550111;To=14155550100;Direction=inbound;CallStatus=ringing;Event=StartApp|skLIU40g0DplnWlfI7u/Gxha5WN7kKJZlV5bPn4piIo=",
            "POST|https://forward.example.com/plivo/dial-action?user=42|CallUUID=7a3e4f2c-1111-4aaa-8bbb-0123456789ab;DialStatus=no-answer;DialRingStatus=true;DialHangupCause=NO_ANSWER;DialALegUUID=7a3e4f2c-1111-4aaa-8bbb-0123456789ab;DialBLegUUID=|m2yjbQbNATRCg6mU1ChdikExDeT9jqS/I09+EJzhATI=",
            "POST|https://forward.example.com:8443/plivo/recorded|CallUUID=7a3e4f2c-1111-4aaa-8bbb-0123456789ab;From=14155550111;To=14155550100;Direction=inbound;CallStatus=in-progress;Event=Record;RecordUrl=https://media.plivo.com/v1/Account/MAXXXXXXXXXXXXXXXXXX/Recording/0f3c.mp3;RecordingDuration=12;RecordingDurationMs=12040;RecordingID=0f3c2a10-2222-4ccc-9ddd-abcdefabcdef;RecordingStartMs=1700000000000;RecordingEndMs=1700000012040|VdjfxDl771AEpCrhEBv8VtC/AB1rKr61waX/lbdb65c=",
            "GET|https://forward.example.com/plivo/answer?user=42|CallUUID=7a3e4f2c-1111-4aaa-8bbb-0123456789ab;From=14155550111;To=14155550100|PElvGMMagsyBezJzfS6Q1zehtbL0XxquMFdB2eCd4ic=",
            "POST|https://forward.example.com/plivo/hangup||f6dEMYt6fiWonCktq5JtTiFFmiRcmyZ/MnI1NnoiQL0=",
            "GET|https://forward.example.com/plivo/hangup||f6dEMYt6fiWonCktq5JtTiFFmiRcmyZ/MnI1NnoiQL0="})
    void portsEmptyParamsAndQueriesMatchTheReferenceImplementations(String method, String url, String params, String expected) {
        Map<String, String> map = new LinkedHashMap<>();
        if (params != null) {
            for (String kv : params.split(";")) {
                int eq = kv.indexOf('=');
                map.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        assertThat(PlivoSignatureV3.compute(request(method, url, map), OUR_NONCE, OUR_TOKEN)).isEqualTo(expected);
    }

    @Test
    void utf8ValuesAreSignedAsUtf8AfterFormDecoding() {
        // the body as it travels: percent-encoded UTF-8
        Map<String, List<String>> decoded = FormParams.decode("Text=Tom+%26+Jerry+say+%22hi%22+%C3%BC");
        assertThat(decoded.get("Text")).containsExactly("Tom & Jerry say \"hi\" ü");
        SignedRequest req = new SignedRequest("POST", URI.create("https://forward.example.com/plivo/speak"), decoded);
        assertThat(PlivoSignatureV3.compute(req, OUR_NONCE, OUR_TOKEN)).isEqualTo("sUsnm8ud7YU307DmfWTukSEXuHhDoBsdMvUds71ieMY=");
    }

    @Test
    void anyOfSeveralSignaturesInOneOrSeveralHeaderValuesIsAccepted() {
        SignedRequest req = request("POST", "https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml", PARAMS);
        String good = "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=";
        assertThat(PlivoSignatureV3.verify(req, NONCE, List.of("bogus=, " + good), TOKEN)).isTrue();
        assertThat(PlivoSignatureV3.verify(req, NONCE, List.of("bogus=", good), TOKEN)).isTrue();
        assertThat(PlivoSignatureV3.verify(req, NONCE, List.of("bogus=,other="), TOKEN)).isFalse();
    }

    @Test
    void tamperedParameterWrongNonceWrongUrlWrongTokenAndMissingHeadersFail() {
        String url = "https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml";
        String good = "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=";
        Map<String, String> tampered = new LinkedHashMap<>(PARAMS);
        tampered.put("From", "19792014279");
        assertThat(PlivoSignatureV3.verify(request("POST", url, tampered), NONCE, List.of(good), TOKEN)).isFalse();
        Map<String, String> added = new LinkedHashMap<>(PARAMS);
        added.put("DialStatus", "completed");
        assertThat(PlivoSignatureV3.verify(request("POST", url, added), NONCE, List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", url, PARAMS), "31627761595286130199", List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", url + "?a=b", PARAMS), NONCE, List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", "http://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml", PARAMS), NONCE, List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", "https://plivobin.non-prod.plivops.com:443/api/v1/validate_signature03.xml", PARAMS), NONCE, List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("GET", url, PARAMS), NONCE, List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", url, PARAMS), NONCE, List.of(good), TOKEN + "x")).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", url, PARAMS), null, List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", url, PARAMS), "", List.of(good), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", url, PARAMS), NONCE, List.of(), TOKEN)).isFalse();
        assertThat(PlivoSignatureV3.verify(request("POST", url, PARAMS), NONCE, List.of(good), "")).isFalse();
    }

    @Test
    void aRepeatedParameterCannotOverrideTheSignedValue() {
        // the first value is the one that is both signed and handed to the handler
        Map<String, List<String>> form = FormParams.decode("DialStatus=no-answer&CallUUID=abc&DialStatus=completed");
        assertThat(FormParams.firstValues(form)).containsEntry("DialStatus", "no-answer");
        SignedRequest sent = new SignedRequest("POST", URI.create("https://x.example/plivo/dial"),
                FormParams.decode("DialStatus=no-answer&CallUUID=abc"));
        String sig = PlivoSignatureV3.compute(sent, "1", "t");
        assertThat(PlivoSignatureV3.verify(new SignedRequest("POST", URI.create("https://x.example/plivo/dial"), form), "1", List.of(sig), "t")).isTrue();
    }

    @Test
    void reusedMacsGiveTheSameSignaturesAcrossThreadsAndManyTokens() throws Exception {
        String url = "https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d";
        String official = "k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c=";
        // a keyed Mac per thread and token: more tokens than a thread keeps, interleaved, on several threads at once
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int i = 0; i < 200; i++) {
                        ok &= official.equals(PlivoSignatureV3.compute(request("POST", url, PARAMS), NONCE, TOKEN));
                        String other = "token-" + (i % 11);
                        ok &= PlivoSignatureV3.compute(request("POST", url, PARAMS), NONCE, other)
                                .equals(freshHmac(other, PlivoSignatureV3.stringToSign(request("POST", url, PARAMS), NONCE)));
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String freshHmac(String key, String message) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
