package io.github.zendeskprovisioning.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleAssetsTest {
    private final ConsoleAssets assets = new ConsoleAssets();

    @Test
    void theFolderServesTheIndexPageWithStrictHeaders() {
        ConsoleAssets.Reply r = assets.get("GET", "", null);
        assertEquals(200, r.status());
        assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("no-cache", r.header("Cache-Control"));
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
    }

    @Test
    void scriptsAndStylesHaveTheirOwnContentTypes() {
        assertEquals("text/javascript; charset=utf-8", assets.get("GET", "console.js", null).header("Content-Type"));
        assertEquals("text/css; charset=utf-8", assets.get("GET", "console.css", null).header("Content-Type"));
    }

    @Test
    void theConsoleWithoutItsSlashRedirectsSoRelativeLinksResolve() {
        ConsoleAssets.Reply r = assets.get("GET", null, null);
        assertEquals(308, r.status());
        assertEquals("console/", r.header("Location"));
    }

    @Test
    void anUnchangedFileIsAnswered304ForItsEtag() {
        String etag = assets.get("GET", "console.js", null).header("ETag");
        ConsoleAssets.Reply again = assets.get("GET", "console.js", etag);
        assertEquals(304, again.status());
        assertEquals(0, again.body().length);
        assertEquals(200, assets.get("GET", "console.js", "\"other\"").status());
    }

    @Test
    void nothingOutsideTheConsoleFolderIsReachable() {
        for (String path : List.of("../application.properties", "..%2fpom.xml", "%2e%2e/x.js", "/etc/passwd", "sub/console.js",
                "..\\console.js", "console.js/", ".hidden.js", "Console.JS", "io/github/zendeskprovisioning/api/ConsoleAssets.class",
                "console.js%00.css", "nothing-here.js")) {
            ConsoleAssets.Reply r = assets.get("GET", path, null);
            assertEquals(404, r.status(), path);
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("UnknownConsoleFile"), path);
        }
    }

    @Test
    void onlyGetAndHeadAreAnswered() {
        assertEquals(405, assets.get("POST", "console.js", null).status());
        ConsoleAssets.Reply head = assets.get("HEAD", "console.js", null);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }

    @Test
    void thePageHasNoInlineScriptNorInlineHandlersSoTheCspCanForbidThem() {
        String html = new String(assets.get("GET", "index.html", null).body(), StandardCharsets.UTF_8);
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src="), "an inline script: " + scripts.group());
        }
        assertEquals(1, count);
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "an inline event handler");
        assertFalse(html.contains("style="), "an inline style");
        assertFalse(html.contains("http://") || html.contains("https://"), "a reference outside the service");
    }
}
