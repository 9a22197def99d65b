package dev.tokenlab.spi;

import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one place every engine applies a special-token policy: what it cuts, what it leaves, what it refuses. */
class SpecialTokenSplitterTest {
    private static final Map<String, Integer> SPECIALS = new LinkedHashMap<>();

    static {
        SPECIALS.put("<|a|>", 100);
        SPECIALS.put("<|a|>x", 101); // longer, sharing a prefix: the longest match at a position wins
        SPECIALS.put("<|b|>", 102);
    }

    private final SpecialTokenSplitter splitter = new SpecialTokenSplitter(SPECIALS);

    /** What the callbacks saw, as "text[start,end)" and "#id[start,end)". */
    private List<String> split(String text, SpecialTokens policy) {
        List<String> seen = new ArrayList<>();
        boolean done = splitter.split(text, policy, (id, s, e) -> seen.add("#" + id + "[" + s + "," + e + ")"),
                (s, e) -> seen.add(text.substring(s, e) + "[" + s + "," + e + ")"));
        assertEquals(true, done);
        return seen;
    }

    @Test
    void asTextIsOneOrdinaryStretch() {
        assertEquals(List.of("hi <|a|> there[0,14)"), split("hi <|a|> there", SpecialTokens.asText()));
        assertEquals(List.of(), split("", SpecialTokens.allowAll()));
    }

    @Test
    void allowedTokensAreCutOutLongestFirst() {
        assertEquals(List.of("hi [0,3)", "#101[3,9)", "y[9,10)", "#102[10,15)"), split("hi <|a|>xy<|b|>", SpecialTokens.allowAll()));
        assertEquals(List.of("#100[0,5)", "#100[5,10)"), split("<|a|><|a|>", SpecialTokens.allowAll()));
    }

    @Test
    void allowingSomeLeavesTheOthersAsText() {
        assertEquals(List.of("<|a|> [0,6)", "#102[6,11)"), split("<|a|> <|b|>", SpecialTokens.allow(Set.of("<|b|>"))));
        // With <|a|>x not allowed, <|a|> is the longest allowed token at position 0.
        assertEquals(List.of("#100[0,5)", "x[5,6)"), split("<|a|>x", SpecialTokens.allow(Set.of("<|a|>"))));
    }

    @Test
    void aDisallowedTokenFailsBeforeAnythingIsEncoded() {
        List<String> seen = new ArrayList<>();
        SpecialTokenException e = assertThrows(SpecialTokenException.class, () -> splitter.split("ok <|b|> <|a|>",
                SpecialTokens.disallowAll(), (id, s, end) -> seen.add("special"), (s, end) -> seen.add("text")));
        assertEquals(3, e.charOffset());
        assertEquals("<|b|>", e.token());
        assertEquals(List.of(), seen);
        SpecialTokenException only = assertThrows(SpecialTokenException.class,
                () -> split("<|a|> <|b|>", SpecialTokens.allowOnly(Set.of("<|a|>"))));
        assertEquals(6, only.charOffset());
    }

    @Test
    void aRangeIsSplitAndCheckedOnItsOwn() {
        List<String> seen = new ArrayList<>();
        String text = "<|b|>ab<|a|>cd";
        assertEquals(true, splitter.split(text, 5, 12, SpecialTokens.disallow(Set.of("<|b|>")),
                (id, s, e) -> seen.add("#" + id), (s, e) -> seen.add(text.substring(s, e))));
        assertEquals(List.of("ab<|a|>"), seen); // <|a|> is text under this policy, <|b|> is outside the range
        splitter.checkDisallowed(text, 5, 14, SpecialTokens.disallow(Set.of("<|b|>")));
        assertEquals(0, assertThrows(SpecialTokenException.class,
                () -> splitter.checkDisallowed(text, 0, 14, SpecialTokens.disallow(Set.of("<|b|>")))).charOffset());
    }

    @Test
    void aCallbackCanStopTheWalk() {
        List<String> seen = new ArrayList<>();
        assertFalse(splitter.split("a<|a|>b<|b|>c", SpecialTokens.allowAll(), (id, s, e) -> {
            seen.add("#" + id);
            return false;
        }, (s, e) -> seen.add("text")));
        assertEquals(List.of("text", "#100"), seen);
    }

    @Test
    void anEmptyTokenIsRefused() {
        assertEquals("a special token cannot be empty",
                assertThrows(IllegalArgumentException.class, () -> new SpecialTokenSplitter(Map.of("", 1))).getMessage());
    }
}
