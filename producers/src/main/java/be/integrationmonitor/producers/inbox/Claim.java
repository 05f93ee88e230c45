package be.integrationmonitor.producers.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partner's file taken into the producers' work folder by one atomic rename, so that exactly one
 * producer instance reads it: of instances renaming the same file, one succeeds and the others find
 * it gone. The claim's name holds when it expires, {@code <expiry millis>-<attempt>-<token>-<name>};
 * the holder renews it while it reads, and once it has expired (holder dead, or a retry due) any
 * instance takes it over by renaming it again. Rename replaces an existing target, hence the random
 * token in every name.
 */
final class Claim {

    private static final Pattern NAME = Pattern.compile("(\\d{1,19})-(\\d{1,9})-([0-9a-f]{8})-(.+)");
    private static final HexFormat HEX = HexFormat.of();

    private final String name;
    private final String token;
    private final int attempt;
    private final Duration lease;
    private final Clock clock;
    private Path path;
    private long expiry;

    private Claim(Path path, String name, String token, int attempt, long expiry, Duration lease, Clock clock) {
        this.path = path;
        this.name = name;
        this.token = token;
        this.attempt = attempt;
        this.expiry = expiry;
        this.lease = lease;
        this.clock = clock;
    }

    /** Thrown when another instance took the claim over after it expired: leave the file to it. */
    static final class Lost extends RuntimeException {
        Lost() {
            super("claim taken over by another instance", null, false, false);
        }
    }

    /** Claims a dropped file; empty when another instance was first. */
    static Optional<Claim> take(Path file, Path work, Duration lease, Clock clock) throws IOException {
        String token = HEX.toHexDigits(ThreadLocalRandom.current().nextInt());
        Claim claim = new Claim(file, file.getFileName().toString(), token, 0, 0, lease, clock);
        return claim.moveTo(work, clock.millis() + lease.toMillis(), 0) ? Optional.of(claim) : Optional.empty();
    }

    /** Takes over an expired claim of the work folder; empty when not expired or another instance was first. */
    static Optional<Claim> takeOver(Path claimed, Duration lease, Clock clock) throws IOException {
        Matcher name = NAME.matcher(claimed.getFileName().toString());
        if (!name.matches() || Long.parseLong(name.group(1)) > clock.millis()) {
            return Optional.empty();
        }
        Claim claim = new Claim(claimed, name.group(4), name.group(3), Integer.parseInt(name.group(2)), 0, lease,
                clock);
        return claim.moveTo(claimed.getParent(), clock.millis() + lease.toMillis(), claim.attempt)
                ? Optional.of(claim) : Optional.empty();
    }

    Path path() {
        return path;
    }

    /** The partner's name of the file. */
    String name() {
        return name;
    }

    /** Earlier attempts that ended in a transient failure. */
    int attempt() {
        return attempt;
    }

    /** Extends the lease once a third of it has passed, so that a long file is never taken over while read. */
    void renewIfDue() {
        long now = clock.millis();
        if (now < expiry - lease.toMillis() * 2 / 3) {
            return;
        }
        try {
            if (!moveTo(path.getParent(), now + lease.toMillis(), attempt)) {
                throw new Lost();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives the file back to every instance after {@code delay}, one attempt more. */
    void retryAfter(Duration delay) throws IOException {
        if (!moveTo(path.getParent(), clock.millis() + delay.toMillis(), attempt + 1)) {
            throw new Lost();
        }
    }

    /** Ends the claim: the file moves to {@code folder} as {@code <stamp>-<token>-<name>}. */
    Path settle(Path folder, String stamp) throws IOException {
        Path target = folder.resolve(stamp + "-" + token + "-" + name);
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw new Lost();
        }
        path = target;
        return target;
    }

    /** @return false when the file was gone: another instance renamed it first */
    private boolean moveTo(Path work, long newExpiry, int newAttempt) throws IOException {
        Path target = work.resolve(newExpiry + "-" + newAttempt + "-" + token + "-" + name);
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            if (Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw e;
        }
        path = target;
        expiry = newExpiry;
        return true;
    }
}
