package be.integrationmonitor.topics;

/**
 * The schema registry's addresses, derived from its root URL (e.g. {@code http://127.0.0.1:8081}).
 * The serdes use Apicurio's native API; the schema tooling uses the Confluent-compatible one.
 */
public record RegistryUrls(String root) {

    public RegistryUrls {
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String nativeApi() {
        return root + "/apis/registry/v2";
    }

    public String confluentApi() {
        return root + "/apis/ccompat/v7";
    }
}
