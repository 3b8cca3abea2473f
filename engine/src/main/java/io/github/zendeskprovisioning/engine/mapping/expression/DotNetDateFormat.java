package io.github.zendeskprovisioning.engine.mapping.expression;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns a .NET custom date and time format string (what FormatDateTime takes, e.g. {@code yyyyMMddHHmmss.fZ})
 * into a java.time pattern. Letters that are no .NET specifier are literals there, so they are quoted here.
 */
final class DotNetDateFormat {
    private DotNetDateFormat() {
    }

    static DateTimeFormatter formatter(String dotNet) {
        return DateTimeFormatter.ofPattern(pattern(dotNet), Locale.US);
    }

    static String pattern(String dotNet) {
        StringBuilder java = new StringBuilder();
        int i = 0;
        while (i < dotNet.length()) {
            char c = dotNet.charAt(i);
            int run = 1;
            while (i + run < dotNet.length() && dotNet.charAt(i + run) == c) run++;
            switch (c) {
                case 'y' -> java.append(run <= 2 ? "uu" : "uuuu");
                case 'M' -> java.append("M".repeat(Math.min(run, 4)));
                case 'd' -> java.append(run <= 2 ? "d".repeat(run) : run == 3 ? "EEE" : "EEEE");
                case 'H', 'h', 'm', 's' -> java.append(String.valueOf(c).repeat(Math.min(run, 2)));
                case 'f', 'F' -> java.append("S".repeat(Math.min(run, 9)));
                case 't' -> java.append("a");
                case 'z' -> java.append(run >= 3 ? "xxx" : "x");
                case 'K' -> java.append("XXX");
                case 'g' -> java.append("G");
                case '\'', '"' -> {
                    int close = dotNet.indexOf(c, i + 1);
                    if (close < 0) throw new IllegalArgumentException("format '" + Quote.cut(dotNet) + "' has an unclosed quote");
                    literal(java, dotNet.substring(i + 1, close));
                    i = close + 1;
                    continue;
                }
                case '\\' -> {
                    if (i + 1 < dotNet.length()) literal(java, String.valueOf(dotNet.charAt(i + 1)));
                    i += 2;
                    continue;
                }
                case '%' -> {
                    i++;
                    continue;
                }
                default -> {
                    literal(java, String.valueOf(c));
                    i++;
                    continue;
                }
            }
            i += run;
        }
        return java.toString();
    }

    private static void literal(StringBuilder java, String text) {
        if (text.isEmpty()) return;
        java.append('\'').append(text.replace("'", "''")).append('\'');
    }
}
