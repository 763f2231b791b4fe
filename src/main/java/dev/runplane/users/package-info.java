/**
 * Users and how they sign in: local users with BCrypt passwords, the bootstrap administrator created on first
 * start, and the {@code UserDetailsService} Spring Security uses for form login.
 */
package dev.runplane.users;
