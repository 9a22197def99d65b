package dev.tokenlab.tools.jinjava;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two globals transformers gives every chat template: {@code raise_exception(message)} and
 * {@code strftime_now(format)} on the goldens' fixed clock (2024-07-26T00:00:00).
 */
public final class TemplateGlobals {
    private static final LocalDateTime CLOCK = LocalDateTime.of(2024, 7, 26, 0, 0);

    private TemplateGlobals() {
    }

    /** Refuses the chat: the template's own message. */
    public static String raiseException(String message) {
        throw new TemplateRefusal(message);
    }

    /** The fixed clock in a strftime format (the directives chat templates use). */
    public static String strftimeNow(String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char d = format.charAt(++i);
            out.append(switch (d) {
                case 'd' -> "%02d".formatted(CLOCK.getDayOfMonth());
                case 'm' -> "%02d".formatted(CLOCK.getMonthValue());
                case 'Y' -> String.valueOf(CLOCK.getYear());
                case 'B' -> CLOCK.format(DateTimeFormatter.ofPattern("MMMM", Locale.ENGLISH));
                case 'b' -> CLOCK.format(DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH));
                case 'H' -> "%02d".formatted(CLOCK.getHour());
                case 'M' -> "%02d".formatted(CLOCK.getMinute());
                case 'S' -> "%02d".formatted(CLOCK.getSecond());
                case '%' -> "%";
                default -> throw new IllegalArgumentException("strftime_now: %" + d + " is not supported");
            });
        }
        return out.toString();
    }

    /** What {@code raise_exception} throws. */
    public static final class TemplateRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateRefusal(String message) {
            super(message);
        }
    }
}
