package io.orderflow.platform;

import java.util.List;

/**
 * A module's settings that have no safe default in production (secrets, key files). Implemented by
 * a bean per module; {@link RequiredSettingsCheck} asks them all before the server starts, so one
 * message names everything an operator has left out.
 */
public interface RequiredSettings {

    /** The environment variables this module needs and does not have, with a short reason when useful; empty when all are set. */
    List<String> missing();
}
