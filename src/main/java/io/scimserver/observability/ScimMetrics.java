package io.scimserver.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Locale;

/**
 * The application's own meters, next to Quarkus's HTTP server metrics ({@code http_server_requests_seconds}, labelled
 * by method, path template, status and outcome) and the connection pool's ({@code agroal_*}). Labels never carry an
 * organisation, user or resource id. Prometheus names:
 * <ul>
 * <li>{@code scim_membership_changes_total{operation="added|removed"}}: memberships created or removed by SCIM and
 * admin actions, counted when their transaction commits;</li>
 * <li>{@code scim_logins_total{method="password|sso",outcome="success|failure|throttled"}};</li>
 * <li>{@code scim_rate_limit_refusals_total{area="scim|api|login"}}: requests answered 429;</li>
 * <li>{@code scim_bulk_operations_total{method="post|put|patch|delete",outcome="success|failure"}}: operations of bulk
 * requests (a bulk request is one HTTP request in the HTTP meters, however many operations it carries);</li>
 * <li>{@code scim_audit_retention_deleted_total}: audit rows deleted by the retention job.</li>
 * </ul>
 */
@ApplicationScoped
public class ScimMetrics {

    public enum LoginOutcome {
        SUCCESS, FAILURE, THROTTLED
    }

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    private final Counter membersAdded;
    private final Counter membersRemoved;
    private final Counter auditDeleted;

    public ScimMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
        this.membersAdded = Counter.builder("scim.membership.changes").tag("operation", "added")
                .description("Memberships created by SCIM and admin actions").register(registry);
        this.membersRemoved = Counter.builder("scim.membership.changes").tag("operation", "removed")
                .description("Memberships removed by SCIM and admin actions").register(registry);
        this.auditDeleted = Counter.builder("scim.audit.retention.deleted")
                .description("Audit rows deleted by the retention job").register(registry);
        for (String method : new String[] { "password", "sso" }) {
            for (LoginOutcome outcome : LoginOutcome.values()) {
                loginCounter(method, outcome);
            }
        }
        for (String area : new String[] { "scim", "api", "login" }) {
            rateLimitCounter(area);
        }
    }

    /** Counts membership changes once the current transaction commits (at once outside a transaction). */
    public void membershipChanged(int added, int removed) {
        if (added <= 0 && removed <= 0) {
            return;
        }
        Runnable count = () -> {
            membersAdded.increment(Math.max(added, 0));
            membersRemoved.increment(Math.max(removed, 0));
        };
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        count.run();
                    }
                }
            });
        } else {
            count.run();
        }
    }

    public void login(String method, LoginOutcome outcome) {
        loginCounter(method, outcome).increment();
    }

    /** A request refused with 429 in one of the areas {@code scim}, {@code api} or {@code login}. */
    public void rateLimited(String area) {
        rateLimitCounter(area).increment();
    }

    /** One operation of a bulk request, by its method (POST, PUT, PATCH or DELETE, else "other"). */
    public void bulkOperation(String method, boolean failed) {
        String m = method == null ? "other" : switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> method.toLowerCase(Locale.ROOT);
            default -> "other";
        };
        Counter.builder("scim.bulk.operations").tag("method", m).tag("outcome", failed ? "failure" : "success")
                .description("Operations of bulk requests by method and outcome").register(registry).increment();
    }

    public void auditRowsDeleted(long n) {
        auditDeleted.increment(n);
    }

    private Counter loginCounter(String method, LoginOutcome outcome) {
        return Counter.builder("scim.logins").tag("method", method)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .description("Login attempts by method and outcome").register(registry);
    }

    private Counter rateLimitCounter(String area) {
        return Counter.builder("scim.rate_limit.refusals").tag("area", area)
                .description("Requests refused with 429").register(registry);
    }
}
