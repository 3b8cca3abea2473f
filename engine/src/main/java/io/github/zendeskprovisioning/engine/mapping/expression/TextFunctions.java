package io.github.zendeskprovisioning.engine.mapping.expression;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** String functions: Append, CStr, InStr, Join, Left, Mid, NormalizeDiacritics, PCase, StripSpaces, ToLower, ToUpper, Word. */
final class TextFunctions {
    /** Letters that Unicode decomposition does not reduce to a base letter plus marks (Entra's table). */
    private static final Map<Character, String> SPECIAL_LETTERS = Map.ofEntries(
            Map.entry('æ', "ae"), Map.entry('Æ', "AE"), Map.entry('ǣ', "ae"), Map.entry('Ǣ', "AE"),
            Map.entry('ø', "oe"), Map.entry('Ø', "OE"), Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
            Map.entry('ß', "ss"), Map.entry('ł', "l"), Map.entry('Ł', "L"), Map.entry('ı', "i"));

    private TextFunctions() {
    }

    static List<ExpressionFunction> all() {
        return List.of(
                new ExpressionFunction("Append", Signature.exactly(2), TextFunctions::append),
                new ExpressionFunction("CStr", Signature.exactly(1), a -> a.text(0)),
                new ExpressionFunction("InStr", Signature.between(2, 4), TextFunctions::inStr),
                new ExpressionFunction("Join", Signature.atLeast(2), TextFunctions::join),
                new ExpressionFunction("Left", Signature.exactly(2), TextFunctions::left),
                new ExpressionFunction("Mid", Signature.exactly(3), TextFunctions::mid),
                new ExpressionFunction("NormalizeDiacritics", Signature.exactly(1), a -> normalizeDiacritics(a.text(0))),
                new ExpressionFunction("PCase", Signature.between(1, 2), TextFunctions::pCase),
                new ExpressionFunction("StripSpaces", Signature.exactly(1), a -> a.text(0) == null ? null : a.text(0).replace(" ", "")),
                new ExpressionFunction("ToLower", Signature.between(1, 2), a -> a.text(0) == null ? null : a.text(0).toLowerCase(culture(a))),
                new ExpressionFunction("ToUpper", Signature.between(1, 2), a -> a.text(0) == null ? null : a.text(0).toUpperCase(culture(a))),
                new ExpressionFunction("Word", Signature.exactly(3), TextFunctions::word));
    }

    /** Entra concatenates; a missing source or suffix adds nothing. */
    private static Object append(Arguments a) {
        String source = a.text(0);
        String suffix = a.text(1);
        if (source == null && suffix == null) return null;
        return (source == null ? "" : source) + (suffix == null ? "" : suffix);
    }

    /** 1-based position of value2 in value1 from {@code start}, 0 when absent; vbTextCompare ignores case. */
    private static Object inStr(Arguments a) {
        String haystack = a.text(0);
        String needle = a.text(1);
        if (haystack == null || needle == null) return "0";
        Integer start = a.integer(2, "start");
        int from = start == null ? 1 : start;
        if (from < 1) throw a.failure("start must be 1 or more (positions count from 1), not " + from);
        String compare = a.text(3);
        if (compare != null && !compare.equals("vbTextCompare") && !compare.equals("vbBinaryCompare")) {
            throw a.failure("compareType must be vbTextCompare or vbBinaryCompare, not '" + Quote.cut(compare) + "'");
        }
        if ("vbTextCompare".equals(compare)) {
            haystack = haystack.toLowerCase(Locale.ROOT);
            needle = needle.toLowerCase(Locale.ROOT);
        }
        if (from > haystack.length() + 1) return "0";
        return Integer.toString(haystack.indexOf(needle, from - 1) + 1);
    }

    /** Every value of every source (multi-valued ones each), skipping null and empty ones, as Entra's examples show. */
    private static Object join(Arguments a) {
        String separator = a.text(0) == null ? "" : a.text(0);
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            for (String item : Values.items(a.value(i))) {
                if (!item.isEmpty()) parts.add(item);
            }
        }
        return String.join(separator, parts);
    }

    private static Object left(Arguments a) {
        String s = a.text(0);
        Integer n = a.integer(1, "NumChars");
        if (s == null) return "";
        if (n == null || n < 0) return s;
        return s.substring(0, Math.min(n, s.length()));
    }

    private static Object mid(Arguments a) {
        String s = a.text(0);
        Integer start = a.integer(1, "start");
        Integer length = a.integer(2, "length");
        if (s == null) return null;
        if (start == null || start < 1) throw a.failure("start must be 1 or more (the first character is 1), not " + start);
        if (length == null || length < 0) throw a.failure("length must be 0 or more, not " + length);
        int from = Math.min(start - 1, s.length());
        return s.substring(from, (int) Math.min((long) from + length, s.length()));
    }

    static String normalizeDiacritics(String s) {
        if (s == null) return null;
        StringBuilder replaced = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            String special = SPECIAL_LETTERS.get(c);
            replaced.append(special != null ? special : String.valueOf(c));
        }
        return Normalizer.normalize(replaced, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /**
     * Proper case: each word's first letter upper, the rest lower. Without separators, words are split as
     * .NET's ToTitleCase does (spaces, punctuation, symbols; an apostrophe stays inside a word); with them,
     * only at those characters.
     */
    private static Object pCase(Arguments a) {
        String s = a.text(0);
        if (s == null) return null;
        String separators = a.present(1) ? a.text(1) : null;
        StringBuilder out = new StringBuilder(s.length());
        boolean wordStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean separator = separators != null ? separators.indexOf(c) >= 0 : isDefaultSeparator(c);
            if (separator) {
                out.append(c);
                wordStart = true;
            } else {
                out.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
                wordStart = false;
            }
        }
        return out.toString();
    }

    private static boolean isDefaultSeparator(char c) {
        if (c == '\'' || c == '\u2019') return false;
        return !Character.isLetterOrDigit(c);
    }

    private static Object word(Arguments a) {
        String s = a.text(0);
        Integer number = a.integer(1, "WordNumber");
        String delimiters = a.text(2) == null ? "" : a.text(2);
        if (s == null || number == null || number < 1) return "";
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (delimiters.indexOf(c) >= 0) {
                if (!current.isEmpty()) words.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) words.add(current.toString());
        return number <= words.size() ? words.get(number - 1) : "";
    }

    private static Locale culture(Arguments a) {
        String culture = a.text(1);
        if (culture == null || culture.isBlank()) return Locale.ROOT;
        Locale locale = Locale.forLanguageTag(culture.trim());
        if (locale.getLanguage().isEmpty()) throw a.failure("culture must be a name such as en-US, not '" + Quote.cut(culture) + "'");
        return locale;
    }
}
