/**
 * Projects, the tenancy boundary, and their members' roles. Publishes {@link dev.runplane.projects.ProjectService}
 * (membership rules) and {@link dev.runplane.projects.ProjectAccess} (who may read or change what in a project).
 */
package dev.runplane.projects;
