package io.orderflow.support;

/** Reads one series from /q/metrics on the management port, as Prometheus would scrape it. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the series named exactly (name and labels, e.g. {@code foo_total{result="hit"}}), 0 when absent. */
    public static double value(String series) {
        String prefix = series + " ";
        return Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()).trim()))
                .findFirst().orElse(0);
    }
}
