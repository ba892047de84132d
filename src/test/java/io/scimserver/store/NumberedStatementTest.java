package io.scimserver.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumberedStatementTest {

    @Test
    void numberedParametersBecomePositionalOnesInTheOrderTheyAppear() {
        NumberedStatement s = NumberedStatement.of("select ?2, ?1 where a = ?2 and b = ?10 and c = ?3"
                + " and d in (?4, ?5, ?6, ?7, ?8, ?9)");
        assertEquals("select ?, ? where a = ? and b = ? and c = ? and d in (?, ?, ?, ?, ?, ?)", s.sql());
        assertArrayEquals(new int[] { 1, 0, 1, 9, 2, 3, 4, 5, 6, 7, 8 }, s.order());
    }

    @Test
    void aNumberNeverUsedIsRefusedWhenTheStatementIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumberedStatement.of("select ?1, ?3"));
        assertEquals("parameter ?2 is never used", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NumberedStatement.of("select ?0"));
    }
}
