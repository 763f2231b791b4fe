/**
 * The run spec: the YAML (or JSON) a user submits, parsed into {@link dev.runplane.runs.spec.RunSpec} and validated
 * field by field. Every error names the field and what is allowed.
 */
package dev.runplane.runs.spec;
