package io.scimserver.orgs;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.scimserver.config.ScimConfig;
import io.scimserver.config.ScimConfig.Bootstrap.ReissueToken;
import io.scimserver.roles.Role;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Single-organisation deployments: when {@code SCIM_BOOTSTRAP_ADMIN} names a userName and the default organisation
 * has no active ADMIN member, creates that user as ADMIN and writes a non-expiring token to
 * {@code SCIM_BOOTSTRAP_TOKEN_FILE} (mode 0600). With an active admin present it changes nothing, unless
 * {@code SCIM_BOOTSTRAP_REISSUE_TOKEN} asks for a new token of the bootstrap admin (an operator who lost it; dev mode
 * when its token file is gone). Several replicas starting at once serialise on a transaction-scoped advisory lock.
 * <p>
 * In dev mode (only there) the token is also printed, so the README's quickstart works by copy and paste.
 */
@jakarta.enterprise.context.ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    private static final long LOCK_KEY = 0x5c1b0075L;

    @Transactional
    void onStart(@Observes StartupEvent event, ScimConfig config, Organizations organizations) {
        String adminUserName = config.bootstrap().admin().map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (adminUserName == null) {
            return;
        }
        Organization.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, LOCK_KEY).getSingleResult();
        String orgName = config.bootstrap().organization();
        Organization org = Organization.findByName(orgName).orElseGet(() -> organizations.newOrganization(orgName));
        Path file = Path.of(config.bootstrap().tokenFile());
        ReissueToken reissue = config.bootstrap().reissueToken();
        if (reissue == ReissueToken.ALWAYS) {
            LOG.warn("SCIM_BOOTSTRAP_REISSUE_TOKEN=always: the bootstrap admin gets a new token at every start;"
                    + " remove the setting once the lost token is replaced");
        }
        Organizations.Admin admin;
        if (!hasActiveAdmin(org.id)) {
            admin = organizations.createAdmin(org.id, adminUserName);
        } else if (reissue(reissue, file)) {
            Optional<Organizations.Admin> again = organizations.reissueToken(org.id, adminUserName);
            if (again.isEmpty()) {
                LOG.infof("organisation %s has an active admin, but %s is none: no token reissued (the operator's"
                        + " POST /api/v1/orgs/admins restores an admin)", orgName, adminUserName);
                return;
            }
            admin = again.get();
        } else {
            LOG.infof("organisation %s already has an active admin: bootstrap changes nothing (a new token for %s:"
                    + " start once with SCIM_BOOTSTRAP_REISSUE_TOKEN=always)", orgName, adminUserName);
            return;
        }
        writeSecret(file, admin.token());
        LOG.infof("bootstrap: %s is ADMIN of organisation %s; a new token of theirs is in %s", adminUserName, orgName,
                file.toAbsolutePath());
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            LOG.infof("dev mode: export TOKEN=%s", admin.token());
        }
    }

    private static boolean reissue(ReissueToken when, Path file) {
        return switch (when) {
            case NEVER -> false;
            case IF_MISSING -> !Files.exists(file);
            case ALWAYS -> true;
        };
    }

    private static boolean hasActiveAdmin(UUID orgId) {
        return !Organization.getEntityManager().createNativeQuery("""
                select 1 from memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id
                where r.org_id = ?1 and r.source = 'SYSTEM' and r.name = ?2 and u.active
                """).setParameter(1, orgId).setParameter(2, Role.ADMIN).setMaxResults(1).getResultList().isEmpty();
    }

    private static void writeSecret(Path file, String secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap token to " + file, e);
        }
    }
}
