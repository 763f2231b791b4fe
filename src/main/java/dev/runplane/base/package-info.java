/** Tiny shared value types and settings; nothing here knows about the web, Vaadin or a database. */
package dev.runplane.base;
