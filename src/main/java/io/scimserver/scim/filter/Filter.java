package io.scimserver.scim.filter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). The tree is closed: every consumer switches over it without a
 * {@code default}, so a new node type fails compilation until it is handled everywhere.
 */
public sealed interface Filter {

    /**
     * The operands of a chain of {@code or} (when {@code filter} is an {@link Or}) or of {@code and} (an
     * {@link And}), left to right, whatever shape the chain has; any other filter is its own single operand. Walks
     * the tree without recursion, so consumers handle a chain of any length in constant stack.
     */
    static List<Filter> operands(Filter filter) {
        List<Filter> out = new ArrayList<>();
        Deque<Filter> pending = new ArrayDeque<>();
        pending.push(filter);
        while (!pending.isEmpty()) {
            Filter next = pending.pop();
            if (next instanceof Or or && filter instanceof Or) {
                pending.push(or.right());
                pending.push(or.left());
            } else if (next instanceof And and && filter instanceof And) {
                pending.push(and.right());
                pending.push(and.left());
            } else {
                out.add(next);
            }
        }
        return out;
    }

    /** {@code left and right}. */
    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** {@code left or right}. */
    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** {@code not (inner)}. */
    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner);
        }
    }

    /** {@code attr op value}, for example {@code userName eq "bjensen"}. */
    record Compare(AttrPath attr, CompareOp op, Literal value) implements Filter {
        public Compare {
            Objects.requireNonNull(attr);
            Objects.requireNonNull(op);
            Objects.requireNonNull(value);
        }
    }

    /** {@code attr pr}. */
    record Present(AttrPath attr) implements Filter {
        public Present {
            Objects.requireNonNull(attr);
        }
    }

    /**
     * A value filter on a multi-valued attribute, {@code emails[type eq "work" and value co "@x.com"]}: true when one
     * element of {@code attr} matches {@code filter}, whose attribute paths are relative to the element.
     */
    record ValuePath(AttrPath attr, Filter filter) implements Filter {
        public ValuePath {
            Objects.requireNonNull(attr);
            Objects.requireNonNull(filter);
        }
    }
}
