package be.integrationmonitor.sink.api;

/** Who is asking: the public (disclosure control applies) or an authenticated analyst (exact values). */
enum Viewer {
    PUBLIC("public, max-age=30, must-revalidate"),
    ANALYST("private, no-cache");

    /** Dashboards poll: the public view may be cached briefly by anyone, the analyst view by the caller only. */
    final String cacheControl;

    Viewer(String cacheControl) {
        this.cacheControl = cacheControl;
    }
}
