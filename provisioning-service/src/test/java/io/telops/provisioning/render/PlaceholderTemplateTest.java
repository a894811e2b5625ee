package io.telops.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PlaceholderTemplateTest {
    @Test
    void replacementMetacharactersInValuesArriveLiterally() {
        String out = PlaceholderTemplate.render("pass={SIPSECRET};", Map.of("SIPSECRET", "ab$0cd\\1$1"));
        assertThat(out).isEqualTo("pass=ab$0cd\\1$1;");
    }

    @Test
    void valuesAreNotRescannedForPlaceholders() {
        assertThat(PlaceholderTemplate.render("{A}", Map.of("A", "{B}", "B", "no"))).isEqualTo("{B}");
    }

    @Test
    void lowerCaseAndMalformedBracesStayLiteral() {
        String text = "http://h/{mac}.xml {x+|*x+} {A-B} {UNCLOSED {";
        assertThat(PlaceholderTemplate.render(text, Map.of())).isEqualTo(text);
        assertThat(PlaceholderTemplate.hasPlaceholders(text)).isFalse();
    }

    @Test
    void adjacentAndRepeatedPlaceholders() {
        assertThat(PlaceholderTemplate.render("{A}{B}-{A}", Map.of("A", "1", "B", "2"))).isEqualTo("12-1");
        assertThat(PlaceholderTemplate.parse("x{A}y{B_2}z").placeholderNames()).containsExactly("A", "B_2");
    }

    @Test
    void unknownPlaceholderFailsLoudly() {
        assertThatThrownBy(() -> PlaceholderTemplate.render("{SUBSCIPT_REREGISTER}", Map.of()))
                .isInstanceOf(RenderException.class).hasMessageContaining("SUBSCIPT_REREGISTER");
    }
}
