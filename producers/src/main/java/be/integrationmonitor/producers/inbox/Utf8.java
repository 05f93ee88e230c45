package be.integrationmonitor.producers.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Partner files are UTF-8 (a BOM is allowed). A whole file is checked, streamed, before anything of
 * it is published: a Windows-1252 export would otherwise publish its rows up to the first accent.
 * Files are never opened through a symbolic link.
 */
final class Utf8 {

    private static final int BUFFER = 64 * 1024;

    private Utf8() {
    }

    /** Why a file is not UTF-8: the line of the first bad byte and what the file looks like, never a value. */
    record Problem(long line, String reason) {
    }

    /** A reader that fails on any byte sequence that is not UTF-8. */
    static Reader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                strictDecoder()));
    }

    /** @param progress called after each block read, so that a long check can renew the file's claim */
    static Optional<Problem> check(Path file, Runnable progress) throws IOException {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        long line = 1;
        long offset = 0;
        try (ReadableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            boolean end = false;
            while (!end) {
                end = channel.read(in) < 0;
                in.flip();
                CoderResult result;
                do {
                    result = decoder.decode(in, out, end);
                    line += newlines(out);
                } while (result.isOverflow());
                if (result.isError()) {
                    return Optional.of(new Problem(line, reason(in.get(in.position()) & 0xFF,
                            offset + in.position())));
                }
                offset += in.position();
                in.compact();
                progress.run();
            }
        }
        return Optional.empty();
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static long newlines(CharBuffer out) {
        out.flip();
        long count = 0;
        while (out.hasRemaining()) {
            if (out.get() == '\n') {
                count++;
            }
        }
        out.clear();
        return count;
    }

    private static String reason(int badByte, long offset) {
        if (offset == 0 && (badByte == 0xFF || badByte == 0xFE)) {
            return "not UTF-8 (looks like UTF-16): save as UTF-8";
        }
        // bytes Windows-1252 leaves undefined; any other byte above 0x7F is one of its letters or signs
        boolean windows1252 = badByte != 0x81 && badByte != 0x8D && badByte != 0x8F && badByte != 0x90
                && badByte != 0x9D;
        return windows1252 ? "not UTF-8 (looks like Windows-1252): save as UTF-8" : "not UTF-8: save as UTF-8";
    }
}
