package io.scimserver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.client.requests.SearchRequestBuilder;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.PaginationConfig;
import com.unboundid.scim2.common.types.UserResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.TestClient;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cursor paging (RFC 9865) as the UnboundID/Ping SCIM 2 SDK does it: it reads the pagination section of
 * ServiceProviderConfig, starts with {@code firstPageCursorWithCount}, follows {@code nextCursor} with
 * {@code pageWithCursor}, by GET and by POST /.search, and gets the service's errors as its exceptions.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class UnboundIdCursorTest {

    @TestHTTPResource("/scim/v2")
    URL base;

    private UnboundIdClients sdk;

    private ScimService scim() {
        sdk = UnboundIdClients.open(base, TestClient.orgOf(getClass()).adminToken());
        return sdk.scim();
    }

    @AfterEach
    void close() {
        if (sdk != null) {
            sdk.close();
        }
    }

    @Test
    void theSdkReadsThePaginationSection() throws ScimException {
        PaginationConfig pagination = scim().getServiceProviderConfig().getPagination();
        assertNotNull(pagination);
        assertTrue(pagination.supportsCursorPagination());
        assertTrue(pagination.supportsIndexPagination());
        assertEquals("index", pagination.getDefaultPaginationMethod());
        assertEquals(1000, pagination.getMaxPageSize());
        assertTrue(pagination.getCursorTimeout() > 0);
    }

    @Test
    void theSdkPagesByCursorWithGetAndPost() throws ScimException {
        ScimService scim = scim();
        String prefix = "sdkcur" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String userName = prefix + "-" + i + "@example.com";
            scim.create("Users", new UserResource().setUserName(userName));
            names.add(userName);
        }
        String filter = Filter.sw("userName", prefix).toString();
        UnaryOperator<SearchRequestBuilder> query = r -> r.filter(filter).sort("userName", SortOrder.DESCENDING)
                .attributes("userName");
        List<String> expected = names.reversed();
        assertEquals(expected, walk(scim, query, false));
        assertEquals(expected, walk(scim, query, true));
    }

    private static List<String> walk(ScimService scim, UnaryOperator<SearchRequestBuilder> query, boolean post)
            throws ScimException {
        List<String> seen = new ArrayList<>();
        ListResponse<UserResource> page = invoke(query.apply(scim.searchRequest("Users")).firstPageCursorWithCount(3),
                post);
        assertNull(page.getStartIndex());
        assertNull(page.getPreviousCursor());
        assertEquals(7, page.getTotalResults());
        while (true) {
            page.getResources().forEach(u -> seen.add(u.getUserName()));
            if (page.getNextCursor() == null) {
                return seen;
            }
            page = invoke(query.apply(scim.searchRequest("Users")).pageWithCursor(page.getNextCursor(), 3), post);
            assertNotNull(page.getPreviousCursor());
        }
    }

    private static ListResponse<UserResource> invoke(SearchRequestBuilder request, boolean post) throws ScimException {
        return post ? request.invokePost(UserResource.class) : request.invoke(UserResource.class);
    }

    @Test
    void theSdkGetsInvalidCursorAsABadRequest() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> scim().searchRequest("Users")
                .pageWithCursor("VZUTiyhEQJ94IR", 10).invoke(UserResource.class));
        assertEquals("invalidCursor", e.getScimError().getScimType());
        assertEquals(400, e.getScimError().getStatus());
    }
}
