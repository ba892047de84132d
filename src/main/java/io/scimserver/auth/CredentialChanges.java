package io.scimserver.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What this replica's writers call when they change what a user's credentials allow (tokens revoked, the user
 * deactivated, deprovisioned, deleted, given a new password, moved in or out of ADMIN): the user's cached credentials
 * are evicted from {@link CredentialCache} when the transaction completes, before its response is sent, so that the
 * next request on this replica is checked against the committed change. Other replicas hear the same change from
 * PostgreSQL ({@link CredentialListener}); this replica does not wait for that.
 *
 * <p>Evicting more than needed costs one database check on the next request: a writer that is unsure calls this.
 */
@ApplicationScoped
public class CredentialChanges {

    private static final Object KEY = CredentialChanges.class;

    private final CredentialCache cache;
    private final TransactionSynchronizationRegistry transactions;

    public CredentialChanges(CredentialCache cache, TransactionSynchronizationRegistry transactions) {
        this.cache = cache;
        this.transactions = transactions;
    }

    public void changed(UUID userId) {
        changed(Set.of(userId));
    }

    /** Evicts the users' credentials now and again once the current transaction completes (now only, outside one). */
    public void changed(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        cache.evict(userIds);
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<UUID> pending = (Set<UUID>) transactions.getResource(KEY);
        if (pending == null) {
            Set<UUID> users = new HashSet<>();
            transactions.putResource(KEY, users);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    cache.evict(users);
                }
            });
            pending = users;
        }
        pending.addAll(userIds);
    }
}
