package io.telops.vats.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.vats.cabinet.AbonentListLayout;
import io.telops.vats.cabinet.AbonentRow;
import io.telops.vats.gwt.GwtRpcResponse;
import io.telops.vats.gwt.GwtRpcResponseReader;
import io.telops.vats.gwt.GwtRpcResponseWriter;
import io.telops.vats.gwt.GwtRpcStyle;

/**
 * Decode throughput of large abonent-list responses (only with {@code -Pbench}; an empty test
 * factory otherwise). Baseline, same bytes, same run: Jackson parsing the GWT 2.8 form of the
 * response (valid JSON when no concat is needed) into a tree, i.e. a generic JSON parser that does
 * no typed reading at all.
 */
class DecodeBenchmark {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> decodeThroughput() {
        if (!Boolean.getBoolean("telops.bench")) {
            return Stream.empty();
        }
        return Stream.of(DynamicTest.dynamicTest("decode MB/s vs Jackson", DecodeBenchmark::run));
    }

    private static void run() throws Exception {
        List<AbonentRow> rows = rows(10_000);
        String modern = AbonentListLayout.response(new GwtRpcResponseWriter(GwtRpcStyle.GWT_2_8, Integer.MAX_VALUE, 0xFFFF), rows);
        String legacy = AbonentListLayout.response(new GwtRpcResponseWriter(GwtRpcStyle.GWT_2_7), rows);
        assertThat(legacy).contains("].concat([");
        String json = modern.substring(4);

        double jackson = mbPerSecond(json, () -> {
            try {
                JsonNode tree = JACKSON.readTree(json);
                return tree.size();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double oursModern = mbPerSecond(modern, () -> AbonentListLayout.read((GwtRpcResponse.Ok) GwtRpcResponseReader.read(modern)).size());
        double oursLegacy = mbPerSecond(legacy, () -> AbonentListLayout.read((GwtRpcResponse.Ok) GwtRpcResponseReader.read(legacy)).size());
        double tokenizeOnly = mbPerSecond(legacy, () -> GwtRpcResponseReader.read(legacy).stream().remaining());

        System.out.printf("BENCH vats decode: response %.1f MB (GWT 2.7 style, %d rows, with ].concat)%n", mb(legacy), rows.size());
        System.out.printf("BENCH vats decode: baseline Jackson readTree (2.8 form) %.1f MB/s%n", jackson);
        System.out.printf("BENCH vats decode: GWT tokenizer only (2.7)           %.1f MB/s  ratio %.2f%n", tokenizeOnly, tokenizeOnly / jackson);
        System.out.printf("BENCH vats decode: tokenize + typed rows (2.7)        %.1f MB/s  ratio %.2f%n", oursLegacy, oursLegacy / jackson);
        System.out.printf("BENCH vats decode: tokenize + typed rows (2.8)        %.1f MB/s  ratio %.2f%n", oursModern, oursModern / jackson);
        assertThat(AbonentListLayout.read((GwtRpcResponse.Ok) GwtRpcResponseReader.read(legacy))).isEqualTo(rows);
    }

    interface Work {
        int run();
    }

    /** Best of five rounds after a warm-up: the build machine is shared, the best round is the least disturbed. */
    private static double mbPerSecond(String body, Work work) {
        int sink = 0;
        for (int i = 0; i < 20; i++) {
            sink += work.run();
        }
        int iterations = 8;
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink += work.run();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            best = Math.max(best, mb(body) * iterations / seconds);
        }
        assertThat(sink).isPositive();
        return best;
    }

    private static double mb(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length / 1_000_000.0;
    }

    static List<AbonentRow> rows(int count) {
        List<AbonentRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new AbonentRow(Optional.of("7495" + (1_000_000 + i)), Optional.empty(), i % 50 == 0, i % 3 == 0,
                    Optional.of("abonent" + i + "@example.ru"), i % 25 == 0, i % 40 != 0, 8, i % 10 != 0,
                    Optional.of("Иванов-" + i), Optional.of(0), 2_600_000_000L + 7L * i, Optional.of("7916" + (1_000_000 + i)),
                    Optional.of("Транк №" + i + " \"офис\" <" + i + ">")));
        }
        return rows;
    }
}
