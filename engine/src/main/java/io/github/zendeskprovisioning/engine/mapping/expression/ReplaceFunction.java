package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template),
 * case-sensitive, in the forms Entra documents:
 * <ul>
 * <li>oldValue + replacementValue: every oldValue in source becomes replacementValue;</li>
 * <li>oldValue + template: every oldValue in template becomes source;</li>
 * <li>regexPattern + replacementValue: regex replacement, where {@code ${group}} and {@code $1} name groups;</li>
 * <li>regexPattern + regexGroupName + replacementValue: only the named group of each match is replaced;</li>
 * <li>regexPattern + regexGroupName + replacementAttributeName: source when it has a value, else the named
 * group of the pattern's match in the replacement attribute.</li>
 * </ul>
 */
final class ReplaceFunction {
    static final int SOURCE = 0;
    static final int OLD_VALUE = 1;
    static final int REGEX = 2;
    static final int GROUP = 3;
    static final int REPLACEMENT = 4;
    static final int REPLACEMENT_ATTRIBUTE = 5;
    static final int TEMPLATE = 6;

    private ReplaceFunction() {
    }

    static ExpressionFunction definition() {
        return new ExpressionFunction("Replace", Signature.between(3, 7), ReplaceFunction::apply);
    }

    private static Object apply(Arguments a) {
        if (a.present(OLD_VALUE)) return plain(a);
        if (a.present(REGEX)) return regex(a);
        throw a.failure("give oldValue (2nd argument) or regexPattern (3rd argument)");
    }

    private static Object plain(Arguments a) {
        String source = a.text(SOURCE);
        String oldValue = a.text(OLD_VALUE);
        if (a.present(TEMPLATE)) {
            String template = a.text(TEMPLATE);
            if (source == null || template == null) return null;
            return oldValue == null || oldValue.isEmpty() ? template : template.replace(oldValue, source);
        }
        if (!a.present(REPLACEMENT)) throw a.failure("with oldValue, give replacementValue (5th argument) or template (7th argument)");
        if (source == null) return null;
        String replacement = a.text(REPLACEMENT);
        return oldValue == null || oldValue.isEmpty() ? source : source.replace(oldValue, replacement == null ? "" : replacement);
    }

    private static Object regex(Arguments a) {
        Pattern pattern = compile(a, a.text(REGEX));
        String group = a.present(GROUP) ? a.text(GROUP) : null;
        String source = a.text(SOURCE);
        if (group != null && a.present(REPLACEMENT_ATTRIBUTE)) {
            if (source != null && !source.isEmpty()) return source;
            String other = a.text(REPLACEMENT_ATTRIBUTE);
            if (other == null) return null;
            Matcher m = pattern.matcher(other);
            return m.find() ? group(a, m, group) : null;
        }
        if (!a.present(REPLACEMENT)) throw a.failure("with regexPattern, give replacementValue (5th argument) or regexGroupName and replacementAttributeName");
        if (source == null) return null;
        String replacement = a.text(REPLACEMENT) == null ? "" : a.text(REPLACEMENT);
        if (group == null) {
            try {
                return pattern.matcher(source).replaceAll(dotNetReplacement(replacement));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw a.failure("replacementValue '" + Quote.cut(replacement) + "' names a group the pattern does not have");
            }
        }
        Matcher m = pattern.matcher(source);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            group(a, m, group);
            int start = m.start(group);
            if (start < 0) continue;
            out.append(source, last, start).append(replacement);
            last = m.end(group);
        }
        out.append(source.substring(last));
        return out.toString();
    }

    private static String group(Arguments a, Matcher m, String group) {
        try {
            return m.group(group);
        } catch (IllegalArgumentException e) {
            throw a.failure("the pattern has no group named '" + Quote.cut(group) + "'");
        }
    }

    static Pattern compile(Arguments a, String regex) {
        try {
            return Pattern.compile(regex == null ? "" : regex);
        } catch (PatternSyntaxException e) {
            throw a.failure("regexPattern '" + Quote.cut(regex) + "' is no valid regular expression: " + e.getDescription());
        }
    }

    /** .NET's {@code $$} is a literal dollar; Java needs {@code \$}, and backslashes are literal in .NET. */
    private static String dotNetReplacement(String replacement) {
        return replacement.replace("\\", "\\\\").replace("$$", "\\$");
    }
}
