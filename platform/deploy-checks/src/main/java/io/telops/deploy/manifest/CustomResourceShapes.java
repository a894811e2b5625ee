package io.telops.deploy.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Strict shapes of the operator custom resources Telops gives examples for. fabric8 has no model for them, so
 * these records spell out the fields of each operator's API reference that the examples may use, and every
 * other field is reported as unknown. Subtrees we pass through untouched (resources, templates, TLS) stay
 * open ({@code Object}). Sources: Strimzi "API reference" (kafka.strimzi.io/v1beta2), CloudNativePG "API
 * Reference" (postgresql.cnpg.io/v1), MongoDB Community Operator "mongodbcommunity_crd" (v1), Prometheus Operator
 * "API reference" (monitoring.coreos.com/v1).
 */
public final class CustomResourceShapes {
    private static final Map<String, Class<?>> SHAPES = Map.of(
            "kafka.strimzi.io/v1beta2 Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2 KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class,
            "postgresql.cnpg.io/v1 Cluster", CnpgCluster.class,
            "postgresql.cnpg.io/v1 Database", CnpgDatabase.class,
            "mongodbcommunity.mongodb.com/v1 MongoDBCommunity", MongoDbCommunity.class,
            "monitoring.coreos.com/v1 ServiceMonitor", ServiceMonitor.class,
            "monitoring.coreos.com/v1 PrometheusRule", PrometheusRule.class);

    private CustomResourceShapes() {
    }

    public static boolean known(String apiVersion, String kind) {
        return SHAPES.containsKey(apiVersion + " " + kind);
    }

    /** Fields of the tree that the shape of apiVersion/kind does not have; an unknown kind is one entry. */
    static List<String> unknownFields(String apiVersion, String kind, Map<String, Object> tree) {
        Class<?> shape = SHAPES.get(apiVersion + " " + kind);
        if (shape == null) {
            return List.of("<kind " + apiVersion + " " + kind + " has no model: not a built-in kind nor a known custom resource>");
        }
        List<String> unknown = new ArrayList<>();
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addHandler(new DeserializationProblemHandler() {
                    @Override
                    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                            JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
                        unknown.add(path(p, propertyName));
                        p.skipChildren();
                        return true;
                    }
                })
                .build();
        try {
            mapper.convertValue(tree, shape);
        } catch (IllegalArgumentException e) {
            unknown.add("<does not match " + shape.getSimpleName() + ": " + e.getMessage() + ">");
        }
        return unknown;
    }

    private static String path(JsonParser p, String property) {
        StringBuilder path = new StringBuilder();
        var context = p.getParsingContext();
        List<String> parts = new ArrayList<>();
        for (var c = context.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        parts.forEach(path::append);
        path.append('.').append(property);
        return path.substring(1);
    }

    public record Meta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
    }

    public record SecretName(String name, String key) {
    }

    // Strimzi
    public record Kafka(String apiVersion, String kind, Meta metadata, KafkaSpec spec) {
    }

    public record KafkaSpec(KafkaCluster kafka, EntityOperator entityOperator, Object cruiseControl, Object kafkaExporter) {
    }

    public record KafkaCluster(String version, String metadataVersion, List<Listener> listeners,
            Map<String, Object> config, Object authorization, Object rack, Object resources, Object jvmOptions,
            Object logging, Object metricsConfig, Object template) {
    }

    public record Listener(String name, Integer port, String type, Boolean tls, Object authentication,
            Object configuration, Object networkPolicyPeers) {
    }

    public record EntityOperator(Object topicOperator, Object userOperator, Object template) {
    }

    public record KafkaNodePool(String apiVersion, String kind, Meta metadata, NodePoolSpec spec) {
    }

    public record NodePoolSpec(Integer replicas, List<String> roles, NodePoolStorage storage, Object resources,
            Object jvmOptions, Object template) {
    }

    public record NodePoolStorage(String type, List<NodePoolVolume> volumes, String size, Boolean deleteClaim,
            String kraftMetadata, @com.fasterxml.jackson.annotation.JsonProperty("class") String storageClass) {
    }

    public record NodePoolVolume(Integer id, String type, String size, Boolean deleteClaim, String kraftMetadata,
            @com.fasterxml.jackson.annotation.JsonProperty("class") String storageClass) {
    }

    public record KafkaTopic(String apiVersion, String kind, Meta metadata, TopicSpec spec) {
    }

    public record TopicSpec(String topicName, Integer partitions, Integer replicas, Map<String, Object> config) {
    }

    // CloudNativePG
    public record CnpgCluster(String apiVersion, String kind, Meta metadata, ClusterSpec spec) {
    }

    public record ClusterSpec(String description, Integer instances, String imageName, ClusterStorage storage,
            Bootstrap bootstrap, SecretName superuserSecret, Boolean enableSuperuserAccess, Object postgresql,
            Object resources, Object affinity, Object monitoring, Object backup, Object managed) {
    }

    public record ClusterStorage(String size, String storageClass, Object pvcTemplate) {
    }

    public record Bootstrap(InitDb initdb, Object recovery,
            @com.fasterxml.jackson.annotation.JsonProperty("pg_basebackup") Object pgBasebackup) {
    }

    public record InitDb(String database, String owner, SecretName secret, String encoding, String localeCollate,
            String localeCType, List<String> postInitSQL, List<String> postInitApplicationSQL) {
    }

    public record CnpgDatabase(String apiVersion, String kind, Meta metadata, DatabaseSpec spec) {
    }

    public record DatabaseSpec(String name, String owner, SecretName cluster, String ensure,
            String databaseReclaimPolicy, String encoding, String template) {
    }

    // MongoDB Community Operator
    public record MongoDbCommunity(String apiVersion, String kind, Meta metadata, MongoSpec spec) {
    }

    public record MongoSpec(Integer members, String type, String version, Integer arbiters, MongoSecurity security,
            List<MongoUser> users, Object additionalMongodConfig, Object statefulSet, Object prometheus) {
    }

    public record MongoSecurity(MongoAuthentication authentication, Object tls, Object roles) {
    }

    public record MongoAuthentication(List<String> modes, Boolean ignoreUnknownUsers) {
    }

    public record MongoUser(String name, String db, SecretName passwordSecretRef, List<MongoRole> roles,
            String scramCredentialsSecretName, String connectionStringSecretName,
            String connectionStringSecretNamespace, Object additionalConnectionStringConfig) {
    }

    public record MongoRole(String name, String db) {
    }

    // Prometheus Operator
    public record ServiceMonitor(String apiVersion, String kind, Meta metadata, ServiceMonitorSpec spec) {
    }

    public record ServiceMonitorSpec(String jobLabel, List<String> targetLabels, List<String> podTargetLabels,
            List<Endpoint> endpoints, LabelSelector selector, NamespaceSelector namespaceSelector, Integer sampleLimit,
            Integer targetLimit, Object attachMetadata, String scrapeProtocols, String scrapeClass) {
    }

    public record Endpoint(String port, Object targetPort, String path, String scheme, Map<String, List<String>> params,
            String interval, String scrapeTimeout, Object tlsConfig, Object bearerTokenSecret, Object authorization,
            Boolean honorLabels, Boolean honorTimestamps, Object basicAuth, Object oauth2, List<Object> metricRelabelings,
            List<Object> relabelings, String proxyUrl, Boolean followRedirects, Boolean enableHttp2, Boolean filterRunning) {
    }

    public record LabelSelector(Map<String, String> matchLabels, List<Object> matchExpressions) {
    }

    public record NamespaceSelector(Boolean any, List<String> matchNames) {
    }

    public record PrometheusRule(String apiVersion, String kind, Meta metadata, PrometheusRuleSpec spec) {
    }

    public record PrometheusRuleSpec(List<RuleGroup> groups) {
    }

    public record RuleGroup(String name, String interval, List<Rule> rules, Integer limit,
            @com.fasterxml.jackson.annotation.JsonProperty("query_offset") String queryOffset,
            @com.fasterxml.jackson.annotation.JsonProperty("partial_response_strategy") String partialResponseStrategy,
            Map<String, String> labels) {
    }

    public record Rule(String record, String alert, String expr, @com.fasterxml.jackson.annotation.JsonProperty("for") String forDuration,
            @com.fasterxml.jackson.annotation.JsonProperty("keep_firing_for") String keepFiringFor,
            Map<String, String> labels, Map<String, String> annotations) {
    }
}
