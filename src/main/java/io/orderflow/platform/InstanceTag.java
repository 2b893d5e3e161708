package io.orderflow.platform;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Every metric carries {@code instance}, the name of the instance that counted it, so that the metrics of
 * several instances behind one load balancer add up per instance and a sum over them never mixes two
 * processes' gauges into one series. The name is {@code orderflow.instance} (ORDERFLOW_INSTANCE), else
 * host name and HTTP port: unique for instances on one machine, and stable across a restart.
 * (Prometheus keeps it as {@code exported_instance} next to its own scrape target label unless the job
 * sets {@code honor_labels}; docs/operations.md.)
 */
public class InstanceTag {

    @Produces
    @Singleton
    MeterFilter instanceTag(@ConfigProperty(name = "orderflow.instance") Optional<String> configured,
                            @ConfigProperty(name = "quarkus.http.port") int port) {
        String name = configured.filter(value -> !value.isBlank()).orElseGet(() -> hostName() + ":" + port);
        return MeterFilter.commonTags(List.of(Tag.of("instance", name)));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
