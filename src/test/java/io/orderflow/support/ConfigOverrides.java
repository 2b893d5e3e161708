package io.orderflow.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A test profile that only overrides configuration: a subclass names the overrides in its constructor. */
public abstract class ConfigOverrides implements QuarkusTestProfile {

    private final Map<String, String> overrides;

    protected ConfigOverrides(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides;
    }
}
