package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens: {@code [attribute]}, {@code "string"} (escapes {@code \"} and
 * {@code \\} only, as Entra documents), numbers (optionally negative), names, parentheses, commas and the
 * comparison operators {@code = <> < <= > >=}. Whitespace, line breaks included, separates tokens.
 */
final class Lexer {
    private final String text;
    private int pos;

    Lexer(String text) {
        this.text = text;
    }

    List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                tokens.add(new Token(Token.Type.END, "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                return new Token(Token.Type.OPEN, "(", start);
            }
            case ')' -> {
                pos++;
                return new Token(Token.Type.CLOSE, ")", start);
            }
            case ',' -> {
                pos++;
                return new Token(Token.Type.COMMA, ",", start);
            }
            case '[' -> {
                return attribute();
            }
            case '"' -> {
                return string();
            }
            case '=', '<', '>' -> {
                return comparison();
            }
            default -> {
                if (Character.isDigit(c) || c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                    return number();
                }
                if (Character.isLetter(c) || c == '_') return name();
                throw error(start, "unexpected character '" + c + "'");
            }
        }
    }

    private Token attribute() {
        int start = pos++;
        int close = text.indexOf(']', pos);
        if (close < 0) throw error(start, "attribute name not closed: expected ']'");
        String name = text.substring(pos, close).trim();
        if (name.isEmpty()) throw error(start, "empty attribute name: expected a name inside [ ]");
        pos = close + 1;
        return new Token(Token.Type.ATTRIBUTE, name, start);
    }

    private Token string() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return new Token(Token.Type.STRING, value.toString(), start);
            }
            if (c == '\\') {
                if (pos + 1 >= text.length()) break;
                char escaped = text.charAt(pos + 1);
                if (escaped != '"' && escaped != '\\') {
                    throw error(pos, "unknown escape '\\" + escaped + "' in a string: expected \\\" or \\\\ (write \\\\ for one backslash)");
                }
                value.append(escaped);
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
        throw error(start, "string not closed: expected '\"'");
    }

    private Token number() {
        int start = pos;
        if (text.charAt(pos) == '-') pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        }
        return new Token(Token.Type.NUMBER, text.substring(start, pos), start);
    }

    private Token name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        return new Token(Token.Type.NAME, text.substring(start, pos), start);
    }

    private Token comparison() {
        int start = pos;
        char c = text.charAt(pos++);
        if (pos < text.length()) {
            char d = text.charAt(pos);
            if (c == '<' && (d == '>' || d == '=') || c == '>' && d == '=') pos++;
        }
        return new Token(Token.Type.COMPARISON, text.substring(start, pos), start);
    }

    private ExpressionException error(int offset, String problem) {
        return new ExpressionException(text, offset, problem);
    }
}
