/**
 * The {@code runplane} command-line client: picocli commands that talk to a Runplane server only over its REST API
 * ({@code /api/v1}, bearer token, {@code X-Runplane-Source: cli}). It shares no code with the server and never
 * starts Spring, so {@code java -jar runplane.jar ps} answers in well under a second. {@link
 * dev.runplane.cli.RunplaneCli} is the only public type: the application's {@code main} hands CLI arguments to it.
 */
package dev.runplane.cli;
