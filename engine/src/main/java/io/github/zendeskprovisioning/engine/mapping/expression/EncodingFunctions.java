package io.github.zendeskprovisioning.engine.mapping.expression;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** ConvertToBase64 (of the UTF-16LE bytes, as Entra's "Unicode" base64) and ConvertToUTF8Hex (upper-case hex). */
final class EncodingFunctions {
    private EncodingFunctions() {
    }

    static List<ExpressionFunction> all() {
        return List.of(
                new ExpressionFunction("ConvertToBase64", Signature.exactly(1), a -> a.text(0) == null ? null
                        : Base64.getEncoder().encodeToString(a.text(0).getBytes(StandardCharsets.UTF_16LE))),
                new ExpressionFunction("ConvertToUTF8Hex", Signature.exactly(1), a -> a.text(0) == null ? null
                        : HexFormat.of().withUpperCase().formatHex(a.text(0).getBytes(StandardCharsets.UTF_8))));
    }
}
