package io.telops.provisioning.phonebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The phonebook CSV: header-named columns, RFC 4180 quoting, and a bad row naming its line. */
class PhonebookCsvTest {
    @Test
    void readsQuotedFieldsInAnyColumnOrder() {
        List<ContactInput> rows = PhonebookCsv.parse("number,last_name,first_name\r\n"
                + "2001,\"Doe, Jr.\",Jane\n"
                + "\n"
                + "+41441234567,\"O\"\"Brien\",\"<&>'\"\n");
        assertThat(rows).containsExactly(new ContactInput("Jane", "Doe, Jr.", "2001"), new ContactInput("<&>'", "O\"Brien", "+41441234567"));
    }

    @Test
    void aBadRowRejectsTheFileWithItsLineNumber() {
        assertThatThrownBy(() -> PhonebookCsv.parse("first_name,number\nJane,2001\nBob,not a number\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 3: number");
        assertThatThrownBy(() -> PhonebookCsv.parse("first_name,number\nJane,2001,extra\n"))
                .hasMessageStartingWith("line 2: 3 fields");
        assertThatThrownBy(() -> PhonebookCsv.parse("first_name,number\n\"Jane,2001\n"))
                .hasMessageStartingWith("line 2: unterminated quote");
        assertThatThrownBy(() -> PhonebookCsv.parse("first_name,number\n,2001\n"))
                .hasMessageStartingWith("line 2: firstName or lastName is required");
    }

    @Test
    void refusesAnUnknownHeaderAnEmptyFileAndAnOversizedOne() {
        assertThatThrownBy(() -> PhonebookCsv.parse("name,number\nJane,2001\n")).hasMessageStartingWith("line 1:");
        assertThatThrownBy(() -> PhonebookCsv.parse("first_name,number\n")).hasMessageContaining("no contact");
        assertThatThrownBy(() -> PhonebookCsv.parse("first_name,number\n" + "Jane,2001\n".repeat(120_000)))
                .hasMessageContaining("larger than");
    }
}
