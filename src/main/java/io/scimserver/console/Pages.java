package io.scimserver.console;

import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The console's pages: type-safe Qute templates ({@code templates/Pages/<name>.html}), checked against these records
 * when the application is built, so a misspelt expression fails the build, not a page at run time (and needs no
 * reflection in the native binary). Every signed-in page extends {@code templates/console-layout.html}.
 */
final class Pages {

    private Pages() {
    }

    record signIn(String organization, String userName, String error, boolean signedOut, String csrf)
            implements TemplateInstance {
    }

    record refused(String message) implements TemplateInstance {
    }

    record connect(Frame frame, String tenantUrl, ConnectResource.Issued issued, List<ConnectResource.TokenRow> tokens,
            ConnectionCheck.LastWrite lastWrite, String message, boolean error) implements TemplateInstance {
    }

    record users(Frame frame, UserDirectory.UserPage list, String message) implements TemplateInstance {
    }

    record user(Frame frame, UserDirectory.UserDetail user, List<ConnectResource.TokenRow> tokens, List<AuditRow> audit,
            String message, boolean error) implements TemplateInstance {
    }

    record roles(Frame frame, List<RolesResource.RoleRow> roles, String message, boolean error)
            implements TemplateInstance {
    }

    record role(Frame frame, RoleDirectory.RoleView role, RoleDirectory.MemberPage members, String message,
            boolean error) implements TemplateInstance {
    }

    record activity(Frame frame, ActivityChart.Chart chart, List<AuditRow> rows, ActivityResource.Filter filter)
            implements TemplateInstance {
    }

    record settings(Frame frame, io.scimserver.login.SsoSettings.Provider sso, List<SettingsResource.Setting> service)
            implements TemplateInstance {
    }
}
