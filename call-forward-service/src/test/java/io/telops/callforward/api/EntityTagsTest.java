package io.telops.callforward.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** If-Match read back into the strong entity tags it names. */
class EntityTagsTest {
    @Test
    void aListKeepsItsStrongTagsAndDropsWeakOnes() {
        assertThat(EntityTags.ifMatch("\"4\"")).contains(Set.of("4"));
        assertThat(EntityTags.ifMatch(" \"3\" , W/\"4\",\"5\"")).contains(Set.of("3", "5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*"})
    void absentBlankOrAnyNamesNoVersion(String header) {
        assertThat(EntityTags.ifMatch(header)).isEqualTo(Optional.empty());
        assertThat(EntityTags.ifMatch(null)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "\"4", "\"4\" \"5\"", "\"4\",,", "W/4"})
    void malformedHeadersAreBadInput(String header) {
        assertThatThrownBy(() -> EntityTags.ifMatch(header)).isInstanceOf(IllegalArgumentException.class);
    }
}
