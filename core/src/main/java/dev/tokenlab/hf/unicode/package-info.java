/**
 * The Unicode data of the Hugging Face components, each at the version the Rust {@code tokenizers} library
 * compiles in for that component, whatever the JVM's own version (Java 17: Unicode 13.0):
 * {@link dev.tokenlab.hf.unicode.GeneralCategories} (8.0 for BERT's categories, 9.0 for StripAccents),
 * {@link dev.tokenlab.hf.unicode.Normalization} (9.0 NFC/NFD/NFKC/NFKD), {@link dev.tokenlab.hf.unicode.Scripts}
 * (9.0, UnicodeScripts) and {@link dev.tokenlab.hf.unicode.LowercaseMappings} (17.0, the reference's Rust std). The tables are
 * gzip resources of this package, written and proved by {@code tools/GenerateHfUnicodeTables.java}, each read on
 * first use only, so a tokenizer that needs none of them (all the bundled ones) pays nothing.
 */
package dev.tokenlab.hf.unicode;
