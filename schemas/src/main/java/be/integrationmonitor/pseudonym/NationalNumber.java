package be.integrationmonitor.pseudonym;

import java.util.Optional;

/**
 * The Belgian national register number (INSZ / NISS, rijksregisternummer / numéro de registre
 * national), also a BIS number: 11 digits, the last two a mod-97 check over the first nine, or
 * over "2" followed by them for people born in 2000 or later.
 *
 * <p>Never put a raw number in a message, log or exception: callers report only that it is invalid.
 */
public final class NationalNumber {

    private NationalNumber() {
    }

    /** The 11 digits without separators, if the input is a valid number written with the usual separators. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(11);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != '.' && c != '-' && c != ' ' && c != '/') {
                return Optional.empty();
            }
        }
        if (digits.length() != 11) {
            return Optional.empty();
        }
        String number = digits.toString();
        long base = Long.parseLong(number.substring(0, 9));
        int check = Integer.parseInt(number.substring(9));
        boolean valid = 97 - base % 97 == check || 97 - (2_000_000_000L + base) % 97 == check;
        return valid ? Optional.of(number) : Optional.empty();
    }
}
