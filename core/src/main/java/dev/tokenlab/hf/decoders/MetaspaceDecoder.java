package dev.tokenlab.hf.decoders;

import dev.tokenlab.hf.pipeline.Decoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Metaspace} decoder: the replacement ({@code ▁}) becomes a space, except in the first
 * token, where every replacement is removed when the pre-tokenizer prepends one ({@code always} or
 * {@code first}) — the Rust library's rule, which also drops a {@code ▁} inside the first token.
 */
public final class MetaspaceDecoder implements Decoder {
    private final String replacement;
    private final boolean stripFirst;

    /** {@code stripFirst}: the prepend scheme is not {@code never}. */
    public MetaspaceDecoder(int replacement, boolean stripFirst) {
        this.replacement = new String(Character.toChars(replacement));
        this.stripFirst = stripFirst;
    }

    @Override
    public List<String> decode(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            out.add(i == 0 && stripFirst ? t.replace(replacement, "") : t.replace(replacement, " "));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Metaspace(" + replacement + ")";
    }
}
