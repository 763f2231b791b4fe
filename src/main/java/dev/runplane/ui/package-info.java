/**
 * The Vaadin adapter: views, presenters and components, server-rendered and pushed. Views get application
 * services and queries, never repositories; nothing outside {@code ui} imports from here.
 */
package dev.runplane.ui;
