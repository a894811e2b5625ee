package io.telops.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests without Quarkus: {@code @ExtendWith(InfrastructureExtension.class)} and take
 * a {@link KafkaBroker}, {@link PostgresServer} or {@link MongoWireServer} parameter; each is the shared one.
 */
public class InfrastructureExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == PostgresServer.class || type == MongoWireServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaBroker.class) {
            return SharedInfrastructure.kafka();
        }
        if (type == PostgresServer.class) {
            return SharedInfrastructure.postgres();
        }
        return SharedInfrastructure.mongo();
    }
}
