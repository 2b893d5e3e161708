package io.orderflow.payment;

import io.orderflow.platform.RequiredSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The webhook secret has no production default: without it no gateway event could be verified. */
@ApplicationScoped
class WebhookSettings implements RequiredSettings {

    private final PaymentConfig config;

    WebhookSettings(PaymentConfig config) {
        this.config = config;
    }

    @Override
    public List<String> missing() {
        return config.webhookSecret().isPresent() ? List.of() : List.of("ORDERFLOW_WEBHOOK_SECRET");
    }
}
