package dev.tokenlab.sentencepiece;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model's {@code NormalizerSpec}: how text is rewritten before segmentation.
 *
 * <pre>{@code
 * // Llama 2: nothing is rewritten but spaces, and one space is put in front
 * NormalizerSpec[name=identity, precompiledCharsmap=0 bytes, addDummyPrefix=true,
 *                removeExtraWhitespaces=false, escapeWhitespaces=true]
 * // sentencepiece's test_model.model: NFKC (a 237,484-byte compiled map), spaces collapsed
 * NormalizerSpec[name=nfkc, precompiledCharsmap=237484 bytes, addDummyPrefix=true,
 *                removeExtraWhitespaces=true, escapeWhitespaces=true]
 * }</pre>
 *
 * @param name                   the rule's name ({@code identity}, {@code nfkc}, {@code nmt_nfkc} …); informative only
 * @param precompiledCharsmap    the compiled rule (a double-array trie and its replacement strings); empty for identity.
 *                               Do not modify
 * @param addDummyPrefix         put one space in front of the text (so "world" and " world" start alike)
 * @param removeExtraWhitespaces drop leading and trailing spaces and collapse runs of spaces into one
 * @param escapeWhitespaces      write spaces as U+2581 ({@code ▁})
 */
record NormalizerSpec(String name, byte[] precompiledCharsmap, boolean addDummyPrefix,
                             boolean removeExtraWhitespaces, boolean escapeWhitespaces) {

    /** The protobuf defaults. */
    static NormalizerSpec defaults() {
        return new NormalizerSpec("", new byte[0], true, true, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalizerSpec other && name.equals(other.name)
                && Arrays.equals(precompiledCharsmap, other.precompiledCharsmap)
                && addDummyPrefix == other.addDummyPrefix && removeExtraWhitespaces == other.removeExtraWhitespaces
                && escapeWhitespaces == other.escapeWhitespaces;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(precompiledCharsmap), addDummyPrefix,
                removeExtraWhitespaces, escapeWhitespaces);
    }

    @Override
    public String toString() {
        return "NormalizerSpec[name=" + name + ", precompiledCharsmap=" + precompiledCharsmap.length + " bytes, addDummyPrefix="
                + addDummyPrefix + ", removeExtraWhitespaces=" + removeExtraWhitespaces + ", escapeWhitespaces="
                + escapeWhitespaces + "]";
    }
}
