package dev.tokenlab.explain;

import dev.tokenlab.Tokenizers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordsTest {

    @Test
    void runsOfLettersAndDigitsSeparatedByEverythingElse() {
        assertEquals(new Words.Count(4, 0), Words.count("I love machine learning!"));
        assertEquals(List.of("I", "love", "machine", "learning"), Words.split("I love machine learning!"));
        assertEquals(List.of("don", "t", "3", "14"), Words.split("don't 3.14"));
        assertEquals(new Words.Count(0, 0), Words.count(""));
        assertEquals(new Words.Count(0, 0), Words.count(" \n\t!?"));
    }

    @Test
    void marksStayInTheirWord() {
        assertEquals(List.of("cafe\u0301", "नमस्ते"), Words.split("cafe\u0301 नमस्ते"));
    }

    @Test
    void scriptsWithoutSpacesCountEachCharacter() {
        assertEquals(new Words.Count(5, 5), Words.count("東京に行く"));
        assertEquals(List.of("ラー", "メ", "ン"), Words.split("ラーメン"));
        assertEquals(new Words.Count(5, 3), Words.count("Tokyo 東京 2024年"));
        assertEquals(List.of("Tokyo", "東", "京", "2024", "年"), Words.split("Tokyo 東京 2024年"));
        // Thai: the vowel signs U+0E31 and U+0E35 are marks and stays with its consonant.
        assertEquals(List.of("ส", "วั", "ส", "ดี"), Words.split("สวัสดี"));
    }

    @Test
    void threeLevels() {
        Levels l = Levels.of(Tokenizers.get("llama3"), "I love machine learning!");
        assertEquals(4, l.words().size());
        assertEquals(5, l.tokens().size());
        assertEquals(24, l.characters().size());
        assertEquals(1, Levels.of(Tokenizers.get("llama3"), "😀").characters().size());
    }
}
