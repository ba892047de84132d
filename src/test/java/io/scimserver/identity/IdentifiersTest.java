package io.scimserver.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.scim.protocol.ScimException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one identity function, without Quarkus; {@code IdentityTest} checks it against PostgreSQL's lower(). */
class IdentifiersTest {

    @Test
    void canonicalIsNfcTrimmedAndKeepsCase() {
        assertEquals("Ana.López@x.example", Identifiers.canonical("userName", " Ana.Lo\u0301pez@x.example\t\u00a0"));
        assertEquals("Sales Team", Identifiers.canonical("displayName", "\u3000Sales Team\u2003"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "kiki\u200b@x", "\u202Ekiki@x", "ki\u2066ki@x", "ki\u0007ki@x", "ki\tki@x", "ki\u00a0ki@x",
            "ADMIN\ufe0f", "\ufeffkiki", "ki\u2028ki", "   ", "" })
    void invisibleControlAndBidiCharactersAreRefused(String value) {
        ScimException e = assertThrows(ScimException.class, () -> Identifiers.canonical("userName", value));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'userName'"), e.getMessage());
    }

    @Test
    void theRefusalSaysWhatAndWhere() {
        String detail = assertThrows(ScimException.class, () -> Identifiers.canonical("userName", "\u202Ekiki"))
                .getMessage();
        assertTrue(detail.contains("bidirectional control character (U+202E) at position 0"), detail);
        detail = assertThrows(ScimException.class, () -> Identifiers.canonical("userName", "ki\u200bki")).getMessage();
        assertTrue(detail.contains("invisible character (U+200B) at position 2"), detail);
    }

    @ParameterizedTest
    @CsvSource({ "kİki, kiki", "KIKI, kiki", "STRAẞE, straße", "ΟΔΟΣ, οδοσ", "Ǆemal, ǆemal", "ÉCOLE, école" })
    void keysFoldCaseOneCodePointAtATime(String value, String key) {
        assertEquals(key, Identifiers.key(value));
    }

    @Test
    void distinctLettersStayDistinct() {
        assertNotEquals(Identifiers.key("kıkı"), Identifiers.key("kiki"), "the dotless i is another letter");
        assertNotEquals(Identifiers.key("strasse"), Identifiers.key("straße"));
        assertNotEquals(Identifiers.key("οδος"), Identifiers.key("οδοσ"), "as PostgreSQL's lower() keeps them apart");
        assertTrue(Identifiers.same("Kiki@X ", "kİki@x"));
    }

    @Test
    void userNamesRefuseCompatibilityCharacters() {
        String detail = assertThrows(ScimException.class, () -> Identifiers.userName("ｋｉｋｉ@x.example")).getMessage();
        assertTrue(detail.contains("\"kiki@x.example\""), detail);
        assertThrows(ScimException.class, () -> Identifiers.userName("ﬁona@x.example"));
        assertEquals("fiona@x.example", Identifiers.userName("fiona@x.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ADMIN", "admin", "ＡＤＭＩＮ", "ａｄｍｉｎ", "AdMİN", "ADMIN " })
    void lookalikesOfSystemNamesAreRecognised(String name) {
        assertTrue(Identifiers.imitates(name, "ADMIN"), name);
    }

    @Test
    void otherNamesDoNotImitate() {
        assertFalse(Identifiers.imitates("ADMINS", "ADMIN"));
        assertFalse(Identifiers.imitates("Ｓａｌｅｓ", "PUBLIC"));
    }
}
