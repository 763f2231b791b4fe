/** {@code /api/v1/users/me/tokens}: a user creates, lists and revokes their own API tokens. */
package dev.runplane.api.tokens;
