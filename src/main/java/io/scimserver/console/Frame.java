package io.scimserver.console;

/**
 * What every signed-in page's frame shows: the navigation (with {@code page} marked current) and the CSRF token of the
 * sign-out form and of the page's own forms.
 */
@io.quarkus.qute.TemplateData
public record Frame(String page, String csrf) {

    public boolean is(String name) {
        return page.equals(name);
    }
}
