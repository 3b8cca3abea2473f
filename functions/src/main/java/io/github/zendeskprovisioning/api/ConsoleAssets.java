package io.github.zendeskprovisioning.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The operator console: static files from {@code console/} in the jar, for {@code GET /api/provisioning/console/{*path}}.
 * The files hold no data and no secret; every call the page makes for data carries the key itself. Only flat,
 * plainly named files are served (no folder, no dot segment, no escape), so no request can reach anything but them.
 */
public final class ConsoleAssets {
    /** Scripts and styles only from the console itself; no inline script, no frames, data only from this origin. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.(html|css|js|svg|png)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** What to answer: status, headers and body (bytes, since images are files too). */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public Reply {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private record File(String contentType, byte[] bytes, String etag) {
    }

    private final String root;
    private final ClassLoader loader;
    private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

    public ConsoleAssets() {
        this("console/", ConsoleAssets.class.getClassLoader());
    }

    ConsoleAssets(String root, ClassLoader loader) {
        this.root = root;
        this.loader = loader;
    }

    /**
     * {@code path} is what follows {@code console/} ({@code null} when the request ended at {@code console} without the
     * slash: then the browser is sent to {@code console/}, so the page's relative links resolve under it).
     */
    public Reply get(String method, String path, String ifNoneMatch) {
        if (path == null) {
            return new Reply(308, Map.of("Location", "console/", "Cache-Control", "no-store"), new byte[0]);
        }
        if (!method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD")) {
            return error(405, "MethodNotAllowed", "the console takes GET");
        }
        String name = path.isEmpty() ? "index.html" : path;
        if (!NAME.matcher(name).matches()) {
            return error(404, "UnknownConsoleFile", "no console file '" + cut(name) + "'");
        }
        Optional<File> file = files.computeIfAbsent(name, this::load);
        if (file.isEmpty()) return error(404, "UnknownConsoleFile", "no console file '" + name + "'");
        File f = file.get();
        Map<String, String> headers = securityHeaders(f.contentType());
        headers.put("ETag", f.etag());
        if (f.etag().equals(ifNoneMatch)) return new Reply(304, headers, new byte[0]);
        return new Reply(200, headers, method.equalsIgnoreCase("HEAD") ? new byte[0] : f.bytes());
    }

    private Optional<File> load(String name) {
        try (InputStream in = loader.getResourceAsStream(root + name)) {
            if (in == null) return Optional.empty();
            byte[] bytes = in.readAllBytes();
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
            return Optional.of(new File(type, bytes, "\"" + sha256(bytes).substring(0, 32) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException("console file " + name + " cannot be read", e);
        }
    }

    private static Map<String, String> securityHeaders(String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        // The names carry no version, so a browser asks again each time and gets a 304 while the file is unchanged.
        h.put("Cache-Control", "no-cache");
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        return h;
    }

    private static Reply error(int status, String code, String message) {
        Map<String, String> headers = securityHeaders("application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        String body = "{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String cut(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 79) + "…";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
