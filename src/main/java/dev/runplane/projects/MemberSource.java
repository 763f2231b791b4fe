package dev.runplane.projects;

/** Where a membership came from; only {@link #SSO} ones follow the IdP's groups claim. */
public enum MemberSource {
    /** added by a project admin or manager, or through the API */
    LOCAL,
    /** from the groups claim, re-applied (and removed when the claim shrinks) at every SSO login */
    SSO
}
