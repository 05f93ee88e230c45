package be.integrationmonitor.sink.api;

import java.util.List;

/** {@code GET /v1/indicators/{id}}: one indicator for one geo unit over time. */
public record Series(String indicator, String geo, String level, String granularity, List<Point> points) {
}
