package be.integrationmonitor.platform.security;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.topics.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on a secured cluster: the one catalogue of every service principal's ACLs.
 * The secured-broker test creates exactly these ACLs, and {@code deploy/k8s/users.yaml} (Strimzi
 * {@code KafkaUser}s) is generated from them and checked against them in CI. Everything not granted
 * here is refused ({@code allow.everyone.if.no.acl.found=false}); the super user {@link #ADMIN}
 * needs no ACL.
 *
 * <p>Topic names come from the code that uses them ({@link EventType#ALL},
 * {@link EventType#INDICATOR_INPUTS}, {@link Topics},
 * {@link Generations}), so a renamed or added topic changes the ACLs with it.
 */
public final class ServiceAcls {

    /** The super user: the cluster's own administration (topics, users, ACLs), never a service. */
    public static final String ADMIN = "admin";
    /** The partner push API ({@code producers/}). */
    public static final String PRODUCERS = "producers";
    /** The indicator engine ({@code streams/}). */
    public static final String STREAMS = "streams";
    /** The indicators API ({@code sink-api/}). */
    public static final String SINK_API = "sink-api";
    /**
     * Operators' day-to-day commands ({@code deploy.jar erase}, {@code replay}, {@code status}): erasures
     * and engine generations. Sees the event topics' metadata, never their records.
     */
    public static final String OPERATOR = "operator";
    /**
     * Operators' maintenance commands, which read or write event records ({@code deploy.jar reset},
     * {@code purge}, {@code dead-letters}): everything {@link #OPERATOR} may, plus the events themselves.
     * Its credentials are for those runs only, kept apart from the operator's.
     */
    public static final String MAINTENANCE = "maintenance";

    /**
     * The producers' duplicate-detection topic, which they create themselves with the retention of
     * their window: {@code im.dedupe.topic} of {@code producers/src/main/resources/application.properties}
     * (deploy's manifest test checks that the two agree).
     */
    public static final String PRODUCERS_SEEN_EVENT_IDS = "producers-seen-event-ids";
    /**
     * Prefix of everything a Kafka Streams generation owns: its application id (= consumer group and
     * transactional id prefix) and its internal topics ({@code <application id>-…-changelog/-repartition}).
     */
    public static final String STREAMS_APPLICATION_PREFIX = Generations.APPLICATION_ID_PREFIX;
    /** Prefix of the engine generations' output topics {@code indicators.<n>}. */
    public static final String INDICATORS_PREFIX = Generations.OUTPUT_TOPIC_PREFIX;

    /** Operations on one resource, named literally or by prefix. */
    public record Grant(ResourceType resourceType, String name, PatternType patternType, Set<AclOperation> operations) {

        public Grant {
            if (patternType != PatternType.LITERAL && patternType != PatternType.PREFIXED) {
                throw new IllegalArgumentException("literal or prefixed only: " + patternType);
            }
            operations = Collections.unmodifiableSet(new TreeSet<>(operations));
        }

        static Grant topic(String name, AclOperation... operations) {
            return new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, Set.of(operations));
        }

        static Grant topicPrefix(String prefix, AclOperation... operations) {
            return new Grant(ResourceType.TOPIC, prefix, PatternType.PREFIXED, Set.of(operations));
        }

        /**
         * An event topic in every input version: its first name, literally, and the versions a purge
         * creates ({@code residence-changed.v1}, {@code .v2}, …), by prefix.
         */
        static List<Grant> event(EventType<?> type, Set<AclOperation> operations) {
            return List.of(new Grant(ResourceType.TOPIC, type.topic(), PatternType.LITERAL, operations),
                    new Grant(ResourceType.TOPIC, versionsPrefix(type), PatternType.PREFIXED, operations));
        }
    }

    /**
     * What every purged input version of an event type's topic starts with: {@link Topics#versioned}
     * of version 1 without its number ({@code residence-changed.v}).
     */
    public static String versionsPrefix(EventType<?> type) {
        String first = type.topic(1);
        return first.substring(0, first.length() - "1".length());
    }

    private ServiceAcls() {
    }

    /** Every service principal (user name without {@code User:}) and its grants, in a stable order. */
    public static Map<String, List<Grant>> catalogue() {
        Map<String, List<Grant>> catalogue = new LinkedHashMap<>();
        catalogue.put(PRODUCERS, producers());
        catalogue.put(STREAMS, streams());
        catalogue.put(SINK_API, sinkApi());
        catalogue.put(OPERATOR, operator());
        catalogue.put(MAINTENANCE, maintenance());
        return Collections.unmodifiableMap(catalogue);
    }

    /**
     * Publish every event type, in whichever input version the generations say (read: a purge moves
     * them to the next), and read them back
     * with the erasure requests to count the events per person; check at start that the event topics
     * keep their history (their configs); keep the shared set of accepted eventIds (read, write,
     * create).
     */
    private static List<Grant> producers() {
        List<Grant> grants = new ArrayList<>();
        for (EventType<?> type : EventType.ALL) {
            grants.addAll(Grant.event(type, Set.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS)));
        }
        grants.add(Grant.topic(Topics.ERASURES, AclOperation.READ, AclOperation.DESCRIBE));
        grants.add(Grant.topic(Topics.GENERATIONS, AclOperation.READ, AclOperation.DESCRIBE));
        grants.add(Grant.topic(PRODUCERS_SEEN_EVENT_IDS, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.CREATE));
        return grants;
    }

    /**
     * Read the events the indicators use (in every input version), the erasure requests and the
     * generations; check at start that every history topic keeps its history (their configs); write
     * the dead letters and the generations' output topics (which it creates); own everything under
     * its application-id prefix: internal topics, consumer groups and transactional ids (exactly-once).
     */
    private static List<Grant> streams() {
        List<Grant> grants = new ArrayList<>();
        for (EventType<?> type : EventType.ALL) {
            grants.addAll(Grant.event(type, EventType.INDICATOR_INPUTS.contains(type)
                    ? Set.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)
                    : Set.of(AclOperation.DESCRIBE_CONFIGS)));
        }
        grants.add(Grant.topic(Topics.ERASURES, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        grants.add(Grant.topic(Topics.GENERATIONS, AclOperation.READ, AclOperation.DESCRIBE));
        grants.add(Grant.topic(Topics.DEAD_LETTER, AclOperation.WRITE, AclOperation.DESCRIBE));
        grants.add(Grant.topicPrefix(INDICATORS_PREFIX, AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE));
        grants.add(Grant.topicPrefix(STREAMS_APPLICATION_PREFIX, AclOperation.ALL));
        grants.add(new Grant(ResourceType.GROUP, STREAMS_APPLICATION_PREFIX, PatternType.PREFIXED, Set.of(AclOperation.ALL)));
        grants.add(new Grant(ResourceType.TRANSACTIONAL_ID, STREAMS_APPLICATION_PREFIX, PatternType.PREFIXED,
                Set.of(AclOperation.ALL)));
        return grants;
    }

    /** Read the served generation's indicators and follow the generations; no consumer group (assigns itself). */
    private static List<Grant> sinkApi() {
        return List.of(
                Grant.topicPrefix(INDICATORS_PREFIX, AclOperation.READ, AclOperation.DESCRIBE),
                Grant.topic(Topics.GENERATIONS, AclOperation.READ, AclOperation.DESCRIBE));
    }

    /**
     * The day-to-day operator commands ({@code erase}, {@code replay}, {@code status}): write erasure
     * requests and the generations; the event topics' metadata only (partitions, offsets, configs:
     * progress, lag, retention), never a record; create, follow and delete generations (their output
     * topics, internal topics and consumer groups). Never reads or writes an event.
     */
    private static List<Grant> operator() {
        return operatorGrants(Set.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
    }

    /**
     * The maintenance commands: what {@link #operator()} may, and on the event topics in every
     * input version what {@code reset} (Kafka's StreamsResetter commits the inputs' offsets: read),
     * {@code purge} (reads version v, creates and writes v+1, deletes v) and {@code dead-letters}
     * (reads the dead letters, re-drives them to the event topics) need.
     */
    private static List<Grant> maintenance() {
        List<Grant> grants = operatorGrants(Set.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
                AclOperation.DELETE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        grants.add(Grant.topic(Topics.DEAD_LETTER, AclOperation.READ, AclOperation.DESCRIBE));
        return grants;
    }

    private static List<Grant> operatorGrants(Set<AclOperation> onEvents) {
        List<Grant> grants = new ArrayList<>();
        for (EventType<?> type : EventType.ALL) {
            grants.addAll(Grant.event(type, onEvents));
        }
        grants.add(Grant.topic(Topics.ERASURES, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS));
        grants.add(Grant.topic(Topics.GENERATIONS, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS));
        grants.add(Grant.topicPrefix(INDICATORS_PREFIX, AclOperation.READ, AclOperation.CREATE, AclOperation.DELETE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        grants.add(Grant.topicPrefix(STREAMS_APPLICATION_PREFIX, AclOperation.ALL));
        grants.add(new Grant(ResourceType.GROUP, STREAMS_APPLICATION_PREFIX, PatternType.PREFIXED, Set.of(AclOperation.ALL)));
        return grants;
    }

    /** The catalogue as Kafka ACL bindings (allow, any host), for {@code Admin#createAcls}. */
    public static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        catalogue().forEach((user, grants) -> {
            for (Grant grant : grants) {
                for (AclOperation operation : grant.operations()) {
                    bindings.add(new AclBinding(
                            new ResourcePattern(grant.resourceType(), grant.name(), grant.patternType()),
                            new AccessControlEntry(principal(user), "*", operation, AclPermissionType.ALLOW)));
                }
            }
        });
        return bindings;
    }

    /** {@code User:<name>}, the principal of a SCRAM user. */
    public static String principal(String user) {
        return "User:" + user;
    }
}
