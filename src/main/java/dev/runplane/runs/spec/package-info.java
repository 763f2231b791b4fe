/**
 * The run spec: the YAML (or JSON) a user submits, parsed into {@link dev.runplane.runs.spec.RunSpec} and validated
 * field by field. Every error names the field and what is allowed.
 *
 * <p>Publishes {@link dev.runplane.runs.spec.RunSpecParser}, {@link dev.runplane.runs.spec.RunSpec} and
 * {@link dev.runplane.runs.spec.RunSpecException}; everything else here is package-private.
 */
package dev.runplane.runs.spec;
