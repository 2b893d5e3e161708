package io.orderflow.architecture.cycle.a;

import io.orderflow.architecture.cycle.b.Downstairs;

/** Half of a deliberate package cycle, so ArchitectureTest can show its cycle rule fails on one. */
public class Upstairs {

    Downstairs below;
}
