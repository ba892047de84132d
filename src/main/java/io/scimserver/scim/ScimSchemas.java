package io.scimserver.scim;

import io.scimserver.scim.schema.SchemaRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the schema definitions a bean, read from the classpath once, at run time. */
@ApplicationScoped
public class ScimSchemas {

    @Produces
    @Singleton
    SchemaRegistry registry() {
        return SchemaRegistry.load();
    }
}
