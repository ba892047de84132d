package io.scimserver.scim.filter.sql;

import io.scimserver.scim.schema.AttributeDef;
import java.util.ArrayList;
import java.util.List;

/** Where the value of an attribute path lives in the database. */
sealed interface Target {

    /** A single value: one SQL expression. */
    sealed interface Leaf extends Target {

        AttributeDef def();

        /** The value as an SQL expression of its column type, or as text for JSON. */
        String text();

        boolean nullable();
    }

    /** What a column holds, which decides how literals are bound to it. */
    enum ColumnKind { UUID, TEXT, BOOLEAN, TIMESTAMP, VERSION, CONSTANT }

    /** A column of the resource's table or of a joined table, or a constant ({@code 'User'}) of kind CONSTANT. */
    record Column(String expr, AttributeDef def, ColumnKind kind, boolean nullable) implements Leaf {

        /** A text value the same for every row, as an SQL literal of schema-defined characters only. */
        static Column constant(String value, AttributeDef def) {
            return new Column(Sql.key(value), def, ColumnKind.CONSTANT, false);
        }

        /** The value of a CONSTANT column. */
        String constant() {
            return expr.substring(1, expr.length() - 1);
        }

        @Override
        public String text() {
            return expr;
        }
    }

    /** A value inside a jsonb document: {@code base -> 'k1' -> 'k2'}. */
    record Json(String base, List<String> keys, AttributeDef def) implements Leaf {

        public Json {
            keys = List.copyOf(keys);
        }

        Json with(String key, AttributeDef subDef) {
            List<String> longer = new ArrayList<>(keys);
            longer.add(key);
            return new Json(base, longer, subDef);
        }

        /** The jsonb value. */
        String json() {
            StringBuilder b = new StringBuilder(base);
            keys.forEach(k -> b.append(" -> ").append(Sql.key(k)));
            return b.toString();
        }

        /** The value as text: the string unquoted, numbers and booleans as written. */
        @Override
        public String text() {
            if (keys.isEmpty()) {
                return "(" + base + " #>> '{}')";
            }
            StringBuilder b = new StringBuilder(base);
            for (int i = 0; i < keys.size(); i++) {
                b.append(i == keys.size() - 1 ? " ->> " : " -> ").append(Sql.key(keys.get(i)));
            }
            return b.toString();
        }

        @Override
        public boolean nullable() {
            return true;
        }
    }

    /**
     * A multi-valued attribute whose elements are rows: {@code EXISTS (SELECT 1 <from> WHERE <join> AND <condition on
     * an element>)}.
     *
     * @param from the FROM clause producing one row per element
     * @param join the condition tying the rows to the outer resource, or null
     * @param element how attribute paths relative to one element resolve
     * @param attr the multi-valued attribute
     * @param sub the sub-attribute the path named ({@code emails.value}), or null ({@code emails})
     */
    record Many(String from, String join, Scope element, AttributeDef attr, AttributeDef sub) implements Target {
    }
}
