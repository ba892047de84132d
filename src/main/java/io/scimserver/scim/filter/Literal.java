package io.scimserver.scim.filter;

import java.math.BigDecimal;
import java.util.Objects;

/** A comparison value in a filter (RFC 7644 §3.4.2.2 {@code compValue}): a JSON string, number, boolean or null. */
public sealed interface Literal {

    record Str(String value) implements Literal {
        public Str {
            Objects.requireNonNull(value);
        }
    }

    record Num(BigDecimal value) implements Literal {
        public Num {
            Objects.requireNonNull(value);
        }
    }

    record Bool(boolean value) implements Literal {
    }

    record Null() implements Literal {
    }
}
