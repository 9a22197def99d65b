/** A program that uses Tokenlab as a library user would: only the exported packages of {@code dev.tokenlab.core}. */
module dev.tokenlab.example {
    requires dev.tokenlab.core;
}
