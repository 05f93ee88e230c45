package be.integrationmonitor.deploy.ops;

/**
 * An operator command that talks to Kafka, and the Kafka user (principal of
 * {@code platform/…/security/ServiceAcls}) whose client settings it needs on a secured cluster:
 * its help says so, and a refusal by the cluster names it.
 */
public interface KafkaUserCommand {

    /** {@code operator} or {@code maintenance}. */
    String kafkaUser();
}
