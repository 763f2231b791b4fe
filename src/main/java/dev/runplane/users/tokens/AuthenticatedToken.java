package dev.runplane.users.tokens;

/** Who a valid bearer token speaks for; the token id lets audits name the token without its secret. */
public record AuthenticatedToken(long tokenId, String username, boolean globalAdmin) {
}
