package dev.runplane.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code runplane.api.*}: limits of the REST adapter.
 *
 * @param maxBody the largest request body any {@code /api/**} endpoint reads (413 above it); the run spec has its own,
 *                separate limit ({@link BodyReader#MAX_SPEC_BYTES})
 */
@ConfigurationProperties("runplane.api")
record ApiProperties(@DefaultValue("1MB") DataSize maxBody) {
}
