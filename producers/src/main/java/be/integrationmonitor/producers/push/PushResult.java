package be.integrationmonitor.producers.push;

import java.util.List;

/** The answer to a push: counts and one result per line, in line order. */
public record PushResult(long accepted, long duplicates, long rejected, List<LineResult> results) {
}
