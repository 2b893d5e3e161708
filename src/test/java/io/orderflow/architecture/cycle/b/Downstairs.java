package io.orderflow.architecture.cycle.b;

import io.orderflow.architecture.cycle.a.Upstairs;

/** The other half of the deliberate cycle. */
public class Downstairs {

    Upstairs above;
}
