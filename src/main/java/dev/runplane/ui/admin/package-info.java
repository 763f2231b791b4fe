/**
 * Administration screens: projects, members, users and the audit log. They call the same services as the admin
 * API ({@code ProjectService}, {@code MemberService}, {@code UserService}, {@code AuditQueries}), which decide who
 * may do what; the views only hide what the signed-in user could not do anyway.
 */
package dev.runplane.ui.admin;
