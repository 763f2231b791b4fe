/**
 * A project's overview (runs by status, spend, runs that need attention, recent events) and the list of projects a
 * user can see.
 */
package dev.runplane.ui.projects;
