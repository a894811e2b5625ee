package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The problem document as clients read it: members in order, absent ones left out, the platform's own types. */
class ProblemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTypedProblemNamesItsTypeUnderThePlatformsProblemUri() throws Exception {
        Problem problem = Problem.typed(413, "push-too-large", "Body too large", "body exceeds 10 bytes");
        assertThat(JSON.writeValueAsString(problem)).isEqualTo("{\"type\":\"https://telops.io/problems/push-too-large\","
                + "\"title\":\"Body too large\",\"status\":413,\"detail\":\"body exceeds 10 bytes\"}");
    }

    @Test
    void aBlankProblemAtAPathEndsWithTheInstance() throws Exception {
        assertThat(JSON.writeValueAsString(Problem.of(404, "no such line").at("/api/lines/7")))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such line\","
                        + "\"instance\":\"/api/lines/7\"}");
    }
}
