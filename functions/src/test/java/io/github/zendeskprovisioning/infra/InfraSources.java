package io.github.zendeskprovisioning.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of {@code infra/}, read as text: no Bicep compiler can be installed here, so the tests read the
 * templates the way a reviewer does. The folder is {@code ../infra} from the functions module (surefire's
 * working directory), or the {@code infra.dir} system property.
 */
final class InfraSources {
    private static final Pattern RESOURCE = Pattern.compile(
            "(?m)^\\s*resource\\s+(\\w+)\\s+'([^'@]+)(?:@([^']+))?'\\s*(existing)?\\s*=");
    private static final Pattern PARAM = Pattern.compile("(?m)^\\s*param\\s+(\\w+)\\s+(\\w+)(\\s*=\\s*(.+))?\\s*$");

    private final Path root;

    InfraSources(Path root) {
        this.root = root;
    }

    static InfraSources locate() {
        Path dir = Path.of(System.getProperty("infra.dir", "../infra")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = Path.of(System.getProperty("user.dir"), "infra").toAbsolutePath().normalize();
        }
        if (!Files.isDirectory(dir)) throw new IllegalStateException("infra/ not found (set -Dinfra.dir)");
        return new InfraSources(dir);
    }

    Path root() {
        return root;
    }

    Path repositoryRoot() {
        return root.getParent();
    }

    String read(String relative) {
        return read(root.resolve(relative));
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .bicep file, main.bicep first, by path relative to infra/. */
    Map<String, String> bicepFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("main.bicep", read("main.bicep"));
        for (Path p : list(root.resolve("modules"), ".bicep")) files.put("modules/" + p.getFileName(), read(p));
        return files;
    }

    /** Every KQL query file, by file name. */
    Map<String, String> queries() {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : list(root.resolve("queries"), ".kql")) files.put(p.getFileName().toString(), read(p));
        return files;
    }

    List<BicepResource> resources() {
        List<BicepResource> all = new ArrayList<>();
        bicepFiles().forEach((file, text) -> all.addAll(resources(file, text)));
        return all;
    }

    static List<BicepResource> resources(String file, String text) {
        List<BicepResource> found = new ArrayList<>();
        Matcher m = RESOURCE.matcher(text);
        while (m.find()) {
            int open = text.indexOf('{', m.end());
            found.add(new BicepResource(file, m.group(1), m.group(2), m.group(3), m.group(4) != null,
                    text.substring(m.start(), m.end()) + text.substring(m.end(), open),
                    block(text, open)));
        }
        return found;
    }

    /** Declared parameters of a Bicep file: name to default expression (null when required). */
    static Map<String, String> params(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(text);
        while (m.find()) params.put(m.group(1), m.group(4) == null ? null : m.group(4).trim());
        return params;
    }

    /** Whether the parameter is decorated with {@code @secure()}. */
    static boolean isSecure(String text, String param) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].matches("\\s*param\\s+" + param + "\\s.*")) continue;
            for (int j = i - 1; j >= 0 && lines[j].trim().startsWith("@"); j--) {
                if (lines[j].trim().equals("@secure()")) return true;
            }
        }
        return false;
    }

    /** The text of the {...} block that opens at {@code open}, string literals respected. */
    static String block(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = endOfString(text, i);
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = text.indexOf('\n', i);
                if (i < 0) break;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open, i + 1);
            }
        }
        throw new IllegalArgumentException("unbalanced braces from offset " + open);
    }

    /** The inner text of the first {@code key: { ... }} object in a block. */
    static String objectProperty(String block, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*:\\s*\\{").matcher(block);
        if (!m.find()) throw new IllegalArgumentException("no object '" + key + "'");
        return block(block, m.end() - 1);
    }

    /** {@code KEY: value} lines directly inside an object block (not in nested objects), comments skipped. */
    static Map<String, String> entries(String objectBlock) {
        Map<String, String> entries = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^[ \\t]*([A-Za-z_][A-Za-z0-9_]*)[ \\t]*:[ \\t]*(.+?)[ \\t]*$").matcher(topLevel(objectBlock));
        while (m.find()) entries.put(m.group(1), m.group(2));
        return entries;
    }

    /** The block's text with its nested {...} blocks cut out, so only its own lines remain. */
    private static String topLevel(String block) {
        StringBuilder own = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (c == '\'') {
                int end = endOfString(block, i);
                if (depth == 1) own.append(block, i, Math.min(end + 1, block.length()));
                i = end;
            } else if (c == '/' && i + 1 < block.length() && block.charAt(i + 1) == '/') {
                int end = block.indexOf('\n', i);
                if (end < 0) break;
                i = end - 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 1) {
                own.append(c);
            }
        }
        return own.toString();
    }

    private static int endOfString(String text, int start) {
        if (text.startsWith("'''", start)) {
            int end = text.indexOf("'''", start + 3);
            return end < 0 ? text.length() : end + 2;
        }
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') i++;
            else if (c == '\'') return i;
        }
        return text.length();
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One {@code resource} declaration: type and API version (null for a nested child), and its body. */
    record BicepResource(String file, String symbol, String type, String apiVersion, boolean existing,
                         String header, String body) {
        boolean nested() {
            return apiVersion == null;
        }
    }
}
