package be.integrationmonitor.producers.push;

import java.util.List;

/** The answer to a push: counts and one result per line. */
public record PushResult(long accepted, long rejected, List<LineResult> results) {
}
